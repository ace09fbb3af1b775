import Fastify from 'fastify';
import { FakeLine } from './fake-line.ts';
import { fakeLinePlugin, type FakeLinePluginOptions } from './plugin.ts';

/** The fake LINE server on its own port: for tests with the real SDK client, and for development. */

export interface StartFakeLineServerOptions extends FakeLinePluginOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
}

export interface RunningFakeLineServer {
  /** The origin to give the SDK as baseURL, e.g. `http://127.0.0.1:50123`. */
  url: string;
  fake: FakeLine;
  close(): Promise<void>;
}

export async function startFakeLineServer(options: StartFakeLineServerOptions = {}): Promise<RunningFakeLineServer> {
  const { port = 0, host = '127.0.0.1', ...pluginOptions } = options;
  const fake = pluginOptions.fake ?? new FakeLine(pluginOptions);
  const app = Fastify({ logger: false, bodyLimit: 1024 * 1024, forceCloseConnections: true });
  await app.register(fakeLinePlugin, { ...pluginOptions, fake });
  const address = await app.listen({ port, host });
  return { url: address, fake, close: () => app.close() };
}
