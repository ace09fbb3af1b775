import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { Compile } from 'typebox/compile';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { Condition, createConditionEvaluator } from '@lsb/shared';
import { compileCondition, compileFactsCondition } from '../../src/segments/compile.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { conditionArb, friendArb, ROUTES, SCENARIOS, TAGS, worldArb, type GeneratedFriend } from './arbitraries.ts';

// The segment language has two evaluators: in memory (the engine's branch node) and compiled SQL
// (segment counts and broadcasts). This property inserts random friends into real PostgreSQL and
// checks that both select exactly the same friends for random conditions.

let database: TestDatabase;
let workspaceId: string;
let channelId: string;

beforeAll(async () => {
  database = await createTestDatabase();
  const q = (sql: string, params: unknown[] = []) => database.pool.query(sql, params);
  workspaceId = randomUUID();
  channelId = randomUUID();
  await q(`insert into workspaces (workspace_id, name) values ($1, 'segments')`, [workspaceId]);
  await q(
    `insert into channels (id, workspace_id, name, line_channel_id, channel_secret_enc, access_token_enc) values ($1, $2, 'c', '1', 'x', 'x')`,
    [channelId, workspaceId],
  );
  for (const [i, id] of TAGS.entries()) await q(`insert into tags (id, workspace_id, name) values ($1, $2, $3)`, [id, workspaceId, `tag${i}`]);
  for (const [i, id] of ROUTES.entries()) {
    await q(`insert into inflow_routes (id, workspace_id, name, code) values ($1, $2, $3, $3)`, [id, workspaceId, `route${i}`]);
  }
  for (const [i, id] of SCENARIOS.entries()) {
    await q(`insert into scenarios (id, workspace_id, name, draft) values ($1, $2, $3, '{}')`, [id, workspaceId, `scenario${i}`]);
    await q(`insert into scenario_versions (workspace_id, scenario_id, version, graph, published_at) values ($1, $2, 1, '{}', now())`, [workspaceId, id]);
  }
});
afterAll(() => database.drop());

async function replaceFriends(friends: { id: string; friend: GeneratedFriend }[]): Promise<void> {
  const q = (sql: string, rows: unknown[], ...more: unknown[]) => database.pool.query(sql, [workspaceId, JSON.stringify(rows), ...more]);
  await database.pool.query('delete from friends where workspace_id = $1', [workspaceId]);
  await q(
    `insert into friends (id, workspace_id, channel_id, line_user_id, status, inflow_route_id, fields, registered_at, last_reaction_at)
     select x.id, $1, $3, x.id::text, x.status, x.inflow_route_id, x.fields, x.registered_at, x.last_reaction_at
     from jsonb_to_recordset($2::jsonb) as x(id uuid, status text, inflow_route_id uuid, fields jsonb, registered_at timestamptz, last_reaction_at timestamptz)`,
    friends.map(({ id, friend: { facts } }) => ({
      id,
      status: facts.status,
      inflow_route_id: facts.inflowRouteId,
      fields: facts.fields,
      registered_at: facts.registeredAt.toISOString(),
      last_reaction_at: facts.lastReactionAt?.toISOString() ?? null,
    })),
    channelId,
  );
  await q(
    `insert into friend_tags (workspace_id, friend_id, tag_id, added_at)
     select $1, x.friend_id, x.tag_id, now() from jsonb_to_recordset($2::jsonb) as x(friend_id uuid, tag_id uuid)`,
    friends.flatMap(({ id, friend }) => [...friend.facts.tagIds].map((tag_id) => ({ friend_id: id, tag_id }))),
  );
  await q(
    `insert into runs (workspace_id, friend_id, scenario_id, version_id, status, state, started_at)
     select $1, x.friend_id, x.scenario_id, (select v.id from scenario_versions v where v.scenario_id = x.scenario_id), x.status, '{}', now()
     from jsonb_to_recordset($2::jsonb) as x(friend_id uuid, scenario_id uuid, status text)`,
    friends.flatMap(({ id, friend }) => friend.facts.runs.map((r) => ({ friend_id: id, scenario_id: r.scenarioId, status: r.status }))),
  );
  await q(
    `insert into link_clicks (workspace_id, friend_id, link_id, at)
     select $1, x.friend_id, x.link_id, now() from jsonb_to_recordset($2::jsonb) as x(friend_id uuid, link_id uuid)`,
    friends.flatMap(({ id, friend }) => [...friend.facts.clickedLinkIds].map((link_id) => ({ friend_id: id, link_id }))),
  );
  await q(
    `insert into sends (workspace_id, channel_id, friend_id, scenario_id, node_id, retry_key, messages, message_digest, status, due_at)
     select $1, $3, x.friend_id, x.scenario_id, x.node_id, gen_random_uuid(), '[]', 'digest', x.status, now()
     from jsonb_to_recordset($2::jsonb) as x(friend_id uuid, scenario_id uuid, node_id text, status text)`,
    friends.flatMap(({ id, friend }) => friend.sends.map((s) => ({ friend_id: id, scenario_id: s.scenarioId, node_id: s.nodeId, status: s.status }))),
    channelId,
  );
  await q(
    `insert into conversions (workspace_id, friend_id, name, point_id, at, value)
     select $1, x.friend_id, x.name, x.point_id, x.at, x.value
     from jsonb_to_recordset($2::jsonb) as x(friend_id uuid, name text, point_id uuid, at timestamptz, value numeric)`,
    friends.flatMap(({ id, friend }) => friend.conversionRows.map((c) => ({ friend_id: id, name: c.name, point_id: c.pointId, at: c.at.toISOString(), value: c.value }))),
  );
}

const isCondition = Compile(Condition);

/** Two saved segments (which may name each other, so cycles occur) and an id that names none. */
const SAVED = ['5e000000-0000-4000-8000-0000000000a1', '5e000000-0000-4000-8000-0000000000a2'];
const segmentLeafArb: fc.Arbitrary<Condition> = fc.constantFrom(...SAVED, '5e000000-0000-4000-8000-0000000000ff')
  .map((segmentId) => ({ kind: 'segment', segmentId }));

/** A condition that may refer to saved segments: alone, under NOT, or beside another condition. */
function withSegments(world: Parameters<typeof conditionArb>[0]): fc.Arbitrary<Condition> {
  const base = conditionArb(world);
  return fc.oneof(
    base,
    segmentLeafArb,
    segmentLeafArb.map((leaf): Condition => ({ kind: 'not', condition: leaf })),
    fc.tuple(base, segmentLeafArb, fc.boolean()).map(([c, leaf, and]): Condition => ({ kind: and ? 'and' : 'or', conditions: [c, leaf] })),
  );
}

test('compiled SQL selects exactly the friends the in-memory evaluator accepts', async () => {
  const scenario = worldArb.chain((world) =>
    fc.record({
      world: fc.constant(world),
      friends: fc.array(friendArb(world), { minLength: 1, maxLength: 16 }),
      saved: fc.tuple(withSegments(world), withSegments(world)),
      conditions: fc.array(withSegments(world), { minLength: 1, maxLength: 20 }),
    }),
  );
  await fc.assert(
    fc.asyncProperty(scenario, async ({ world, friends, saved, conditions }) => {
      const rows = friends.map((friend) => ({ id: randomUUID(), friend }));
      await replaceFriends(rows);
      const segments = (id: string) => saved[SAVED.indexOf(id)];
      const { rows: numbered } = await database.pool.query<{ id: string; num: number }>('select id, num from tags where workspace_id = $1', [workspaceId]);
      const tagNums = new Map(numbered.map((row) => [row.id, row.num]));
      const context = { ...world, segments };
      for (const condition of conditions) {
        expect(isCondition.Check(condition)).toBe(true);
        const compiled = compileCondition(condition, { ...context, workspaceId, firstParam: 2 });
        const { rows: selected } = await database.pool.query<{ id: string }>(
          `select f.id from friends f where f.workspace_id = $1 and ${compiled.sql} order by f.id`,
          [workspaceId, ...compiled.params],
        );
        const matches = createConditionEvaluator(condition, context);
        const expected = rows.filter((r) => matches(r.friend.facts)).map((r) => r.id).sort();
        expect(selected.map((r) => r.id)).toEqual(expected);
        // The counts' form: over the facts rows, tag numbers read beforehand (as countFilter does).
        const facts = compileFactsCondition(condition, { ...context, workspaceId, tagNums });
        const { rows: counted } = await database.pool.query<{ id: string }>(
          `select s.friend_id as id from friend_segment_facts s join friends f on f.id = s.friend_id where ${facts.sql} order by s.friend_id`,
          facts.params,
        );
        expect(counted.map((r) => r.id)).toEqual(expected);
      }
    }),
    { numRuns: 200 },
  );
}, 300_000);
