// A fake LINE server in its own process for the benchmarks, enforcing LINE's real per-endpoint
// rate limits (push 2,000/s, multicast 200/s per channel). Prints its URL, then on SIGTERM a JSON
// line with what it answered: requests by endpoint and status, and recipients accepted.
import Fastify from 'fastify';
import { FakeLine, fakeLinePlugin } from '../src/line/fake/index.ts';

const fake = new FakeLine({ requestLogSize: 1 });
const counts: Record<string, number> = {};
let recipients = 0;
const app = Fastify({ logger: false, bodyLimit: 4 * 1024 * 1024 });
app.addHook('onResponse', async (request, reply) => {
  const endpoint = /\/v2\/bot\/message\/(push|multicast)/.exec(request.url)?.[1];
  if (!endpoint) return;
  const key = `${endpoint} ${reply.statusCode}`;
  counts[key] = (counts[key] ?? 0) + 1;
  if (reply.statusCode === 200) recipients += endpoint === 'push' ? 1 : ((request.body as { to?: unknown[] }).to?.length ?? 0);
});
await app.register(fakeLinePlugin, { fake });
const url = await app.listen({ port: 0, host: '127.0.0.1' });
process.stdout.write(`fake-line ${url}\n`);
process.on('SIGTERM', () => {
  process.stdout.write(`fake-line-stats ${JSON.stringify({ counts, recipients })}\n`);
  process.exit(0);
});
