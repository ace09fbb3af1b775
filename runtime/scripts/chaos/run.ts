import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CURRENT_SCHEMA_VERSION, type FlowGraph, type FlowNode } from '@lsb/shared';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../../src/db/embedded-postgres.ts';
import { applyMigrations } from '../../src/db/migrate.ts';
import { createPool } from '../../src/db/pool.ts';
import { apiClient, insertFriends, seededRandom } from '../../test/crash/workload.ts';
import { startServerProcess, type ServerProcess } from '../../test/server/start-process.ts';
import { freePort } from '../../test/support/free-port.ts';

/**
 * The whole system under abuse: an API process, worker processes (ROLE=worker) and the fake LINE in
 * a process of its own (so its inboxes outlive everything else), over an embedded PostgreSQL this
 * run owns. A three-step scenario (A, a personal B, C) for every friend while workers are SIGKILLed
 * at random moments, PostgreSQL is restarted once and LINE answers 5xx, 429 and hangs past the
 * client's timeout. Then every inbox is compared with what each friend should hold.
 */

export interface ChaosOptions {
  friends: number;
  kills: number;
  workers: number;
  seed: number;
  /** Give up waiting for the work to finish after this long. */
  deadlineMs: number;
  log?: (line: string) => void;
}

export interface ChaosResult { lost: number; duplicated: number; outOfOrder: number; sent: number }

const runtimeDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const TEXT = { a: 'A: ようこそ', b: (name: string) => `B: ${name}さん、2通目です`, c: 'C: 3通目、最後です' };
const FAKE_SECRET = `chaos-${Math.random().toString(36).slice(2)}-secret`;

function threeSteps(): FlowGraph {
  const texts = [TEXT.a, TEXT.b('{name}'), TEXT.c];
  const nodes: FlowNode[] = [
    { id: 'trigger', type: 'trigger', position: { x: 0, y: 0 }, data: { trigger: { kind: 'manual' }, reentry: 'firstTimeOnly' } },
    ...texts.map((text, index): FlowNode => ({ id: `send-${index + 1}`, type: 'send', position: { x: 0, y: (index + 1) * 160 }, data: { messages: [{ type: 'text', text }] } })),
    { id: 'end', type: 'end', position: { x: 0, y: 640 }, data: {} },
  ];
  const edges = nodes.slice(1).map((node, index) => ({ id: `e${index}`, source: nodes[index]!.id, sourceHandle: 'next', target: node.id }));
  return { schemaVersion: CURRENT_SCHEMA_VERSION, nodes, edges };
}

function startFakeLineProcess(runtimeUrl: string): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/line/fake/main.ts'], {
    cwd: runtimeDir, stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, FAKE_LINE_SECRET: FAKE_SECRET, FAKE_LINE_RUNTIME_URL: runtimeUrl, FAKE_LINE_REQUEST_LOG: '1000' },
  });
  let output = '';
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const url = /fake-line (http\S+)/.exec(output)?.[1];
      if (url) resolve({ url, child });
    });
    child.stderr!.on('data', (chunk: Buffer) => { output += chunk.toString(); });
    child.once('exit', () => reject(new Error(`fake LINE exited: ${output}`)));
  });
}

export async function runChaos(options: ChaosOptions): Promise<ChaosResult> {
  const log = options.log ?? (() => {});
  const random = seededRandom(options.seed);
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'lsb-chaos-'));
  chmodSync(dataDir, 0o755); // as root, PostgreSQL runs as `postgres` and must reach the folder
  const pgPort = await freePort();
  const apiPort = await freePort();
  let database: EmbeddedDatabase = await startEmbeddedPostgres({ dataDir, port: pgPort });
  const pool = createPool(database.url, 3);
  const processes: ServerProcess[] = [];
  let fakeLine: ChildProcess | undefined;
  try {
    await applyMigrations(pool);
    const line = await startFakeLineProcess(`http://127.0.0.1:${apiPort}`);
    fakeLine = line.child;
    const control = async (method: 'GET' | 'POST', route: string, body?: object) => {
      const response = await fetch(`${line.url}${route}`, {
        method, headers: { 'x-fake-line-secret': FAKE_SECRET, ...(body ? { 'content-type': 'application/json' } : {}) }, ...(body ? { body: JSON.stringify(body) } : {}),
      });
      if (!response.ok) throw new Error(`fake LINE ${route}: ${response.status}`);
      return response.json() as Promise<Record<string, unknown>>;
    };
    const env = (role: string, port: number) => ({
      DATABASE_URL: database.url, PORT: String(port), LINE_API_BASE_URL: line.url, DATA_DIR: dataDir, ROLE: role,
      SECRET_KEY: 'chaos-secret-key-0123456789abcdef0123', LOG_LEVEL: 'error', LINE_REQUEST_TIMEOUT_MS: '1000',
    });
    const api = startServerProcess(env('api', apiPort));
    processes.push(api);
    const call = apiClient(await api.ready);
    const workers: ServerProcess[] = [];
    const startWorker = (index: number) => {
      const worker = startServerProcess(env('worker', 0));
      processes.push(worker);
      workers[index] = worker;
      return Promise.race([worker.ready, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`a worker did not start within 180 s:\n${worker.output()}`)), 180_000).unref())]);
    };
    await Promise.all(Array.from({ length: options.workers }, (_, index) => startWorker(index)));
    log(`api and ${options.workers} workers running; fake LINE ${line.url}; PostgreSQL on ${pgPort}`);

    const workspace = await call<{ id: string }>('POST', '/api/workspaces', { name: 'Chaos' });
    const ws = (route: string) => `/api/workspaces/${workspace.id}${route}`;
    const channel = await call<{ id: string }>('POST', ws('/channels'), {
      name: 'Chaos', lineChannelId: '1234567890', channelSecret: 'c'.repeat(32), channelAccessToken: `token-${'x'.repeat(40)}`,
    });
    const scenario = await call<{ id: string }>('POST', ws('/scenarios'), { name: 'three steps', graph: threeSteps() });
    await call('POST', ws(`/scenarios/${scenario.id}/publish`));
    const friends = await insertFriends(pool, workspace.id, channel.id, options.friends, random);
    for (let i = 0; i < friends.length; i += 5_000) {
      await call('POST', ws(`/scenarios/${scenario.id}/enrol`), { friendIds: friends.slice(i, i + 5_000).map((friend) => friend.id) });
    }
    log(`${friends.length} friends enrolled`);

    // The abuse: kills at random moments, one PostgreSQL restart half way, LINE failures throughout.
    // LINE fails the next `count` requests in a row; a small run's last few batches would take them
    // all and back off for minutes (retries double, as they should), so counts follow the run's size.
    const burst = (most: number) => Math.max(1, Math.min(most, Math.round(options.friends / 300)));
    const failures = [
      { kind: 'server-error', count: burst(30) }, { kind: 'rate-limited', count: burst(30) },
      { kind: 'timeout', count: burst(3), hangMs: 1_500, delivered: true }, { kind: 'timeout', count: burst(3), hangMs: 1_500, delivered: false },
    ];
    for (let kill = 1; kill <= options.kills; kill++) {
      await new Promise((resolve) => setTimeout(resolve, 150 + random() * 1_200));
      if (kill % Math.max(1, Math.floor(options.kills / failures.length)) === 0) {
        const failure = failures[(kill / Math.max(1, Math.floor(options.kills / failures.length)) - 1) % failures.length]!;
        await control('POST', '/fake-line/failures', failure).catch(() => {});
      }
      const index = Math.floor(random() * options.workers);
      workers[index]!.child.kill('SIGKILL');
      await workers[index]!.exited;
      await startWorker(index);
      log(`kill ${kill}: worker ${index + 1} killed and started again`);
      if (kill === Math.ceil(options.kills / 2)) {
        log('restarting PostgreSQL');
        await database.stop();
        log('PostgreSQL stopped');
        database = await startEmbeddedPostgres({ dataDir, port: pgPort });
        log('PostgreSQL running again');
      }
    }
    log(`${options.kills} workers killed; waiting for the work to finish`);

    const total = friends.length * 3;
    const deadline = Date.now() + options.deadlineMs;
    let sent = 0;
    for (;;) {
      const row = await pool.query<{ sent: number; open: number }>(`select
          (select count(*)::int from sends where status = 'sent') as sent,
          (select count(*)::int from pgboss.job where state in ('created', 'retry', 'active')) as open`).then((r) => r.rows[0]!, () => undefined);
      if (row) sent = row.sent;
      if (row && row.sent >= total && row.open === 0) break;
      if (Date.now() > deadline) { log(`deadline: ${JSON.stringify(row)}`); break; }
      await new Promise((resolve) => setTimeout(resolve, 500));
    }

    const { inboxes } = await control('GET', '/fake-line/inboxes') as { inboxes: Record<string, string[]> };
    let lost = 0;
    let duplicated = 0;
    let outOfOrder = 0;
    for (const friend of friends) {
      const expected = [TEXT.a, TEXT.b(friend.displayName), TEXT.c];
      const got = inboxes[friend.lineUserId] ?? [];
      for (const text of expected) {
        const copies = got.filter((message) => message === text).length;
        if (copies === 0) lost++;
        if (copies > 1) duplicated += copies - 1;
      }
      const firsts = expected.map((text) => got.indexOf(text)).filter((index) => index >= 0);
      if (firsts.some((index, i) => i > 0 && index < firsts[i - 1]!)) outOfOrder++;
    }
    return { lost, duplicated, outOfOrder, sent };
  } finally {
    for (const life of processes) if (life.child.exitCode === null) life.child.kill('SIGTERM');
    await Promise.all(processes.map((life) => life.exited));
    fakeLine?.kill('SIGTERM');
    await pool.end().catch(() => {});
    await database.stop().catch(() => {});
    rmSync(dataDir, { recursive: true, force: true });
  }
}
