// What a call to LINE costs the runtime's own process: profile reads through the runtime's LINE
// client (undici, src/line/http.ts) against the same reads through global fetch, the transport
// @line/bot-sdk uses (the baseline), alternating, against a fake LINE in a process of its own.
// Each phase stays under LINE's 2,000 profile reads a second, which the fake enforces.
// Usage: npm run bench:line [calls a phase, default 1800] (ROUNDS=, default 3).
// Last line: `line client: X µs a call; baseline fetch Y µs a call; ratio Z`.
import { createLineClient } from '../src/line/client.ts';
import { benchUserId } from './bench-users.ts';
import { startFakeLineProcess } from './support.ts';

const calls = Number(process.argv[2] ?? 1800);
const rounds = Number(process.env.ROUNDS ?? 3);
const inFlight = 32;
const token = 'bench-line-client';

const line = await startFakeLineProcess({ people: calls });
try {
  const client = createLineClient({ channelAccessToken: token, baseURL: line.url });
  const viaClient = async (i: number) => {
    const outcome = await client.getProfile(benchUserId(i));
    return outcome.kind === 'found';
  };
  const viaFetch = async (i: number) => {
    const response = await fetch(`${line.url}/v2/bot/profile/${benchUserId(i)}`, { headers: { authorization: `Bearer ${token}` } });
    await response.json();
    return response.ok;
  };
  // Warm both paths (JIT, connections) before anything is timed.
  await phase(viaClient, 200);
  await phase(viaFetch, 200);
  const clientCosts: number[] = [];
  const fetchCosts: number[] = [];
  for (let round = 1; round <= rounds; round++) {
    fetchCosts.push(await phase(viaFetch, calls));
    clientCosts.push(await phase(viaClient, calls));
    console.log(`round ${round}: fetch ${fetchCosts.at(-1)!.toFixed(1)} µs a call, client ${clientCosts.at(-1)!.toFixed(1)} µs a call`);
  }
  const clientMedian = median(clientCosts);
  const fetchMedian = median(fetchCosts);
  console.log(`line client: ${clientMedian.toFixed(1)} µs a call; baseline fetch ${fetchMedian.toFixed(1)} µs a call; ratio ${(fetchMedian / clientMedian).toFixed(2)}`);
} finally {
  await line.stop();
}

/** CPU of this process a call (µs), `count` calls `inFlight` at a time; every answer must be a profile. */
async function phase(call: (i: number) => Promise<boolean>, count: number): Promise<number> {
  // A fresh second of LINE's profile budget for each phase.
  await new Promise((resolve) => setTimeout(resolve, 1100));
  const before = process.cpuUsage();
  let next = 0;
  let failed = 0;
  await Promise.all(Array.from({ length: inFlight }, async () => {
    while (next < count) {
      const i = ++next;
      if (!(await call(i))) failed++;
    }
  }));
  const used = process.cpuUsage(before);
  if (failed > 0) throw new Error(`${failed} of ${count} profile reads failed (LINE's rate limit?)`);
  return (used.user + used.system) / count;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}
