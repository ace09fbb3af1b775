import Fastify from 'fastify';
import { FakeLine, fakeLinePlugin, type FakeLineOptions } from '../../src/line/fake/index.ts';

/** A fake LINE server in-process (for inject()) with a clock the test moves by hand. */
export async function buildFakeLine(options: FakeLineOptions = {}) {
  const clock = { now: Date.UTC(2026, 0, 5, 1, 0, 0) };
  const fake = new FakeLine({ now: () => clock.now, ...options });
  const app = Fastify({ logger: false, bodyLimit: 1024 * 1024 });
  await app.register(fakeLinePlugin, { fake });
  await app.ready();
  return {
    app,
    fake,
    clock,
    advance(ms: number) {
      clock.now += ms;
    },
  };
}

export const TOKEN = 'test-channel-access-token';
export const auth = { authorization: `Bearer ${TOKEN}` };
export const alice = 'U0123456789abcdef0123456789abcdef';
export const bob = 'Ufedcba9876543210fedcba9876543210';
export const text = (value: string) => ({ type: 'text' as const, text: value });
