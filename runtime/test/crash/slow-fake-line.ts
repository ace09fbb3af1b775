import Fastify from 'fastify';
import { FakeLine, fakeLinePlugin } from '../../src/line/fake/index.ts';

export interface SlowFakeLine {
  url: string;
  fake: FakeLine;
  close(): Promise<void>;
}

/**
 * The standalone fake LINE server (as startFakeLineServer runs it), living in the test process so
 * it outlives every killed worker, with a pause between accepting a request and answering it. The
 * pause widens the window that matters most to a crash: LINE has delivered, the worker has not yet
 * heard, and a kill there must end in a retry that LINE answers 409, not a second delivery.
 */
export async function startSlowFakeLine(answerDelayMs: number): Promise<SlowFakeLine> {
  // No channels: any bearer token is accepted as its own channel. A log big enough for every request.
  const fake = new FakeLine({ requestLogSize: 100_000 });
  const app = Fastify({ logger: false, bodyLimit: 1024 * 1024, forceCloseConnections: true });
  app.addHook('onSend', async (request, _reply, payload) => {
    if (request.url.startsWith('/v2/bot/message/')) await new Promise((resolve) => setTimeout(resolve, answerDelayMs));
    return payload;
  });
  await app.register(fakeLinePlugin, { fake });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  return { url, fake, close: () => app.close() };
}
