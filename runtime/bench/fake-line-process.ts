// A fake LINE server in its own process for the benchmarks, enforcing LINE's real per-endpoint
// rate limits (push 2,000/s, multicast 200/s per channel, profile reads 2,000/s). Prints its URL,
// then on SIGTERM a JSON line with what it answered: requests by endpoint and status, recipients
// accepted, and how many of its people hold how many messages. FAKE_LINE_USERS=N: the people
// benchUserId(1…N), whose profiles answer.
import Fastify from 'fastify';
import { FakeLine, fakeLinePlugin } from '../src/line/fake/index.ts';
import { benchUserId } from './bench-users.ts';

const fake = new FakeLine({ requestLogSize: 1 });
const people = Number(process.env.FAKE_LINE_USERS ?? 0);
for (let i = 1; i <= people; i++) fake.users.register({ userId: benchUserId(i), displayName: `友だち${i}` });
const counts: Record<string, number> = {};
let recipients = 0;
const app = Fastify({ logger: false, bodyLimit: 4 * 1024 * 1024 });
app.addHook('onResponse', async (request, reply) => {
  const endpoint = /\/v2\/bot\/(message\/push|message\/multicast|profile)/.exec(request.url)?.[1]?.replace('message/', '');
  if (!endpoint) return;
  const key = `${endpoint} ${reply.statusCode}`;
  counts[key] = (counts[key] ?? 0) + 1;
  if (reply.statusCode !== 200 || endpoint === 'profile') return;
  recipients += endpoint === 'push' ? 1 : ((request.body as { to?: unknown[] }).to?.length ?? 0);
});
await app.register(fakeLinePlugin, { fake });
const url = await app.listen({ port: 0, host: '127.0.0.1' });
process.stdout.write(`fake-line ${url}\n`);
process.on('SIGTERM', () => {
  const inboxSizes: Record<number, number> = {};
  for (let i = 1; i <= people; i++) {
    const size = fake.users.inbox(benchUserId(i)).length;
    inboxSizes[size] = (inboxSizes[size] ?? 0) + 1;
  }
  process.stdout.write(`fake-line-stats ${JSON.stringify({ counts, recipients, inboxSizes })}\n`);
  process.exit(0);
});
