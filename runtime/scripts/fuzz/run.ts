import fc from 'fast-check';
import type { FastifyInstance, InjectOptions } from 'fastify';
import type pg from 'pg';
import { signWebhookBody } from '../../src/line/signature.ts';
import type { Fixtures } from './fixtures.ts';
import { HOSTILE_STRINGS, mutate, mutation, valueOf, type Schema } from './values.ts';

/**
 * Mutated requests to every operation of the OpenAPI document: real ids in the path most of the
 * time (so requests reach the handlers), bodies generated from the route's schema and then broken,
 * random JSON, broken JSON and wrong media types. Counts 5xx answers and checks that a rejected
 * request (4xx) changed nothing in the database.
 */

interface Operation { method: string; path: string; parameters: Array<{ in: string; name: string; required?: boolean; schema?: Schema }>; body?: Schema }

export interface FuzzOptions {
  app: FastifyInstance;
  pool: pg.Pool;
  fixtures: Fixtures;
  /** At least this many requests in all, shared evenly by the operations (each gets at least 5). */
  requests: number;
  seed: number;
  /** Headers every request carries (a session or an API token once the API needs one). */
  headers?: Record<string, string>;
  log?: (line: string) => void;
  /** Waits until what an accepted request set off (jobs) is done, before the next checksum. */
  settle?: () => Promise<void>;
}

export interface FuzzResult {
  requests: number;
  serverErrors: Array<{ method: string; url: string; status: number; body: string }>;
  changedByRejected: Array<{ method: string; url: string; status: number }>;
  operations: number;
}

export async function runFuzz(options: FuzzOptions): Promise<FuzzResult> {
  const { app, pool, fixtures, seed, log = () => {} } = options;
  const spec = (await app.inject({ method: 'GET', url: '/docs/json' })).json<{ paths: Record<string, Record<string, { parameters?: Operation['parameters']; requestBody?: { content?: Record<string, { schema?: Schema }> } }>> }>();
  const operations: Operation[] = Object.entries(spec.paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) => ({
    method: method.toUpperCase(), path, parameters: op.parameters ?? [], body: op.requestBody?.content?.['application/json']?.schema,
  })));
  const perOperation = Math.max(5, Math.ceil(options.requests / operations.length));
  const result: FuzzResult = { requests: 0, serverErrors: [], changedByRejected: [], operations: operations.length };
  const checksum = await databaseChecksum(pool);
  // What the fixtures started (a template roll-out runs on after its request) ends before the first request.
  await options.settle?.();
  let before = await checksum();
  for (const [index, operation] of operations.entries()) {
    const requests = fc.sample(requestFor(operation, fixtures), { seed: seed + index, numRuns: perOperation });
    for (const request of requests) {
      const response = await app.inject({ ...request, headers: { ...options.headers, ...request.headers } });
      result.requests++;
      const url = String(request.url).slice(0, 200);
      if (response.statusCode >= 500) result.serverErrors.push({ method: operation.method, url, status: response.statusCode, body: response.body.slice(0, 300) });
      if (response.statusCode < 400) await options.settle?.();
      const after = await checksum();
      if (response.statusCode >= 400 && response.statusCode < 500 && after !== before) result.changedByRejected.push({ method: operation.method, url, status: response.statusCode });
      before = after;
    }
    if ((index + 1) % 10 === 0) log(`${index + 1}/${operations.length} operations, ${result.requests} requests, ${result.serverErrors.length} 5xx`);
  }
  return result;
}

/** Percent-encodes, sending an unpaired surrogate as the raw (invalid) UTF-8 bytes a hostile client would. */
function encodePart(text: string): string {
  return encodeURIComponent(text.replace(/[\ud800-\udfff]/g, '\u0001')).replaceAll('%01', '%ED%A0%80');
}

type Request = InjectOptions & { url: string; headers: Record<string, string> };

function requestFor(operation: Operation, fixtures: Fixtures): fc.Arbitrary<Request> {
  const pathParams = operation.parameters.filter((p) => p.in === 'path');
  const queryParams = operation.parameters.filter((p) => p.in === 'query');
  const paramArb = (name: string) => fc.oneof(
    { weight: 8, arbitrary: fc.constant(fixtures.idFor(operation.path, name)) },
    { weight: 1, arbitrary: fc.uuid() },
    { weight: 1, arbitrary: fc.oneof(fc.constantFrom(...HOSTILE_STRINGS.filter((s) => s.length < 500)), fc.string({ maxLength: 20 })) },
  );
  const path = fc.tuple(...pathParams.map((p) => paramArb(p.name))).map((values) =>
    pathParams.reduce((url, p, i) => url.replace(`{${p.name}}`, encodePart(String(values[i]))), operation.path));
  const query = fc.tuple(...queryParams.map((p) => fc.option(fc.oneof(
    { weight: 3, arbitrary: valueOf(p.schema, fixtures.ids).map(String) },
    { weight: 1, arbitrary: fc.constantFrom(...HOSTILE_STRINGS.filter((s) => s.length < 500)) },
  ), { freq: 2 }))).map((values) => {
    const search = new URLSearchParams();
    queryParams.forEach((p, i) => { if (values[i] !== null) search.set(p.name, values[i]!); });
    const text = search.toString();
    return text ? `?${text}` : '';
  });
  const body = operation.body || operation.method !== 'GET' ? bodyFor(operation, fixtures) : fc.constant(undefined);
  return fc.tuple(path, query, body).map(([url, search, payload]) => {
    const request: Request = { method: operation.method as Request['method'], url: `${url}${search}`, headers: {} };
    if (payload === undefined) return request;
    request.headers['content-type'] = payload.contentType;
    request.payload = payload.text;
    if (operation.path.startsWith('/webhooks/') && payload.sign) request.headers['x-line-signature'] = signWebhookBody(payload.text, fixtures.channelSecret);
    return request;
  });
}

interface Body { text: string; contentType: string; sign: boolean }

function bodyFor(operation: Operation, fixtures: Fixtures): fc.Arbitrary<Body | undefined> {
  const valid = operation.path.startsWith('/webhooks/') ? webhookBody(fixtures) : valueOf(operation.body, fixtures.ids);
  const json = (arb: fc.Arbitrary<unknown>) => arb.map((value) => ({ text: JSON.stringify(value) ?? 'null', contentType: 'application/json', sign: true }));
  return fc.tuple(fc.oneof(
    { weight: 3, arbitrary: json(fc.tuple(valid, mutation).map(([value, change]) => mutate(value, change))) },
    { weight: 1, arbitrary: json(valid) },
    { weight: 1, arbitrary: json(fc.jsonValue({ maxDepth: 4 })) },
    { weight: 1, arbitrary: fc.constantFrom('', '{', '{"a":', 'null', '[]', '"\\u0000"', '{"a":"\\ud800"}', '{"__proto__":{"x":1}}', `${'['.repeat(3000)}`).map((text) => ({ text, contentType: 'application/json', sign: true })) },
    { weight: 1, arbitrary: fc.constantFrom('text/plain', 'application/x-www-form-urlencoded', 'application/json; charset=latin1', 'multipart/form-data; boundary=x').map((contentType) => ({ text: 'a=1', contentType, sign: false })) },
  ), fc.boolean()).map(([body, sign]) => ({ ...body, sign: body.sign && sign }));
}

/** LINE-shaped webhook bodies around the fixture friend, for the fuzzer to break. */
function webhookBody(fixtures: Fixtures): fc.Arbitrary<unknown> {
  const source = { type: 'user', userId: fixtures.lineUserId };
  const event = fc.record({
    type: fc.constantFrom('follow', 'unfollow', 'message', 'postback', 'join', 'unknown'),
    mode: fc.constant('active'),
    timestamp: fc.integer({ min: 0, max: 2 ** 42 }),
    source: fc.constant(source),
    webhookEventId: fc.stringMatching(/^[0-9A-Z]{26}$/),
    deliveryContext: fc.record({ isRedelivery: fc.boolean() }),
    replyToken: fc.string({ maxLength: 40 }),
    message: fc.record({ id: fc.string({ maxLength: 20 }), type: fc.constant('text'), text: fc.string({ maxLength: 50 }) }),
    postback: fc.record({ data: fc.string({ maxLength: 50 }) }),
  });
  return fc.record({ destination: fc.constant('U00000000000000000000000000000000'), events: fc.array(event, { maxLength: 3 }) });
}

/**
 * Resolves once the workers have done what they were given: no job due or running, and none of
 * the work the runtime's own loops take (sends, cohort batches, enrolments, webhook events) waiting,
 * and no template roll-out running (it runs in the process that started it, not as a job). A job
 * is due by pg-boss's own clock (tests fix it), as its workers see it: a retry they will not take
 * for minutes is not waited for.
 */
export async function queueIdle(pool: pg.Pool, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { rows: [row] } = await pool.query<{ n: number }>(
      `select ((select count(*) from pgboss.job where (state in ('created', 'retry') and start_after <= pgboss.job_now()) or state = 'active')
         + (select count(*) from sends where status in ('queued', 'sending'))
         + (select count(*) from cohort_batches where due_at <= now())
         + (select count(*) from pending_enrolments)
         + (select count(*) from webhook_events where processed_at is null)
         + (select count(*) from template_rollouts where status = 'running'))::int as n`);
    if (row!.n === 0 || Date.now() > deadline) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** One md5 over every row of every table in the public schema. */
async function databaseChecksum(pool: pg.Pool): Promise<() => Promise<string>> {
  const { rows } = await pool.query<{ name: string }>("select tablename as name from pg_tables where schemaname = 'public' order by tablename");
  const sql = `select md5(${rows.map(({ name }) => `coalesce((select string_agg(md5(t::text), '' order by md5(t::text)) from "${name}" t), '')`).join(' || ')}) as sum`;
  return async () => (await pool.query<{ sum: string }>(sql)).rows[0]!.sum;
}
