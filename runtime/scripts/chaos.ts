// npm run chaos [friends] — an API process, three ROLE=worker processes and a separate fake LINE
// over an embedded PostgreSQL: a three-step scenario for 10,000 friends while workers are SIGKILLed
// 20 times at random moments, PostgreSQL restarts once and LINE answers 5xx, 429 and timeouts.
// Last line: `chaos: lost L, duplicated D, out of order O` (all 0, else exit 1). CHAOS_SEED replays.
import { runChaos } from './chaos/run.ts';

const friends = Number(process.argv[2] ?? 10_000);
const seed = Number(process.env.CHAOS_SEED ?? Math.floor(Math.random() * 2 ** 31));
const say = (line: string) => process.stdout.write(`${line}\n`);

say(`chaos seed=${seed}: ${friends} friends, 3 workers, 20 kills, 1 PostgreSQL restart, LINE 5xx/429/timeouts`);
runChaos({ friends, kills: 20, workers: 3, seed, deadlineMs: 20 * 60_000, log: (line) => say(`[chaos] ${line}`) }).then((result) => {
  say(`${result.sent} sends recorded as sent`);
  say(`chaos: lost ${result.lost}, duplicated ${result.duplicated}, out of order ${result.outOfOrder}`);
  process.exit(result.lost + result.duplicated + result.outOfOrder === 0 ? 0 : 1);
}, (error: unknown) => {
  console.error(error);
  process.exit(1);
});
