// npm run bench:broadcast   (N=1000000 by default; N=100000 npm run bench:broadcast for a quicker run)
// 一斉配信 to everyone: N friends, one API call starts a broadcast of the same text to all; the
// real workers freeze the audience (one INSERT … SELECT), feed it into the send outbox a chunk at a
// time, and the sender multicasts 500 ids a request to a fake LINE in its own process that enforces
// LINE's real rate limits (multicast 200 requests/s per channel, so 100,000 friends/s at most).
// Baseline, same run and database: a hand-written set-based sender (an outbox table claimed 500
// rows at a time with UPDATE … RETURNING, one multicast each, the same fake and limits).
// Last line: `broadcast: N friends handed to LINE in T s`.
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { handWrittenSender, insertFriends, loadavg, ownerApi, seconds, startFakeLineProcess, withDatabase } from './support.ts';

const N = Number(process.env.N ?? 1_000_000);
const TEXT = '本日10:00から一斉セール開始です！';
const say = (line: string) => process.stdout.write(`${line}\n`);

await withDatabase(async ({ url, pool, dataDir }) => {
  const line = await startFakeLineProcess();
  say(`broadcast bench: N=${N}, load ${loadavg()}`);
  const config = loadConfig({ DATA_DIR: dataDir, SECRET_KEY: 'bench-secret-key-bench-secret-key-000', LOG_LEVEL: 'warn', LINE_API_BASE_URL: line.url });
  const app = await buildApp({ config, pool, databaseUrl: url });
  await app.ready();
  const api = await ownerApi(app);
  const workspace = await api('POST', '/api/workspaces', { name: 'bench' });
  const ws = `/api/workspaces/${workspace.id}`;
  const channel = await api('POST', `${ws}/channels`, {
    name: 'bench', lineChannelId: '1234567890', channelSecret: 'c'.repeat(32), channelAccessToken: `bench-token-${'x'.repeat(40)}`,
  });
  let started = performance.now();
  await insertFriends(pool, workspace.id, channel.id, N);
  await pool.query('analyze friends');
  say(`set-up: ${N} friends written in ${seconds(performance.now() - started)} s`);

  const baseline = await handWrittenSender(pool, line.url, workspace.id, TEXT);
  say(`baseline (hand-written set-based sender, same fake LINE and limits): ${N} friends handed to LINE in ${seconds(baseline)} s`);

  const broadcast = await api('POST', `${ws}/broadcasts`, {
    name: 'bench', messages: [{ type: 'text', text: TEXT }], audience: { kind: 'all' }, exclusions: [],
    options: { skipWaitingForReply: false, respectCaps: true }, schedule: { kind: 'now' }, delivery: { mode: 'off' },
  });
  started = performance.now();
  await api('POST', `${ws}/broadcasts/${broadcast.id}/start`);
  const frozenAt = performance.now() - started;
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    const { rows: [row] } = await pool.query<{ status: string }>('select status from broadcasts where id = $1', [broadcast.id]);
    if (row!.status === 'done') break;
  }
  const handed = performance.now() - started;
  const progress = await api('GET', `${ws}/broadcasts/${broadcast.id}/progress`);
  await app.close();
  const stats = await line.stop();
  say(`runtime: audience frozen in ${seconds(frozenAt)} s (the start request); ${JSON.stringify(progress.occurrence)}; fake LINE answered ${JSON.stringify(stats.counts)}, ${stats.recipients} recipients (baseline's included)`);
  if (progress.occurrence.recipients !== N || progress.occurrence.sent !== N) throw new Error('not every friend was sent to exactly once');
  say(`ratio: runtime / baseline = ${(handed / baseline).toFixed(2)}`);
  say(`load after: ${loadavg()}`);
  say(`broadcast: ${N} friends handed to LINE in ${seconds(handed)} s`);
});
process.exit(0);
