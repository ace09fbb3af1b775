import { describe, expect, test } from 'vitest';
import { migrateGraph, type KindMigrations } from '../src/graph/migrations.ts';
import { NODE_TYPES, nodeKinds, parseFlowGraph, type NodeDataMigrations } from '../src/index.ts';

// A registry where only `wait` has a migration leaving version 0: its old `hours` field becomes
// today's `amount` + `unit`. Real kinds add theirs to `migrations` in shared/src/nodes/<kind>.ts.
const waitV0: NodeDataMigrations = {
  0: (data) => (typeof data.hours === 'number' ? { mode: 'elapsed', amount: data.hours, unit: 'hours' } : data),
};
const kinds = Object.fromEntries(NODE_TYPES.map((type) => [type, { migrations: type === 'wait' ? waitV0 : {} }])) as KindMigrations;

const v0 = {
  nodes: [
    { id: 't', type: 'trigger', position: { x: 0, y: 0 }, data: { trigger: { kind: 'manual' }, reentry: 'everyTime' } },
    { id: 'w', type: 'wait', position: { x: 0, y: 100 }, data: { hours: 3 } },
    { id: 'x', type: 'wait', position: { x: 0, y: 200 }, data: 'not a record' },
    'not a node',
    { id: 'u', type: 'unknownKind', data: { hours: 3 } },
  ],
  edges: [{ id: 'e', source: 't', sourceHandle: null, target: 'w' }],
};

describe('graph migrations', () => {
  test('the graph-level step runs, then each node kind migrates its own data', () => {
    const migrated = migrateGraph(v0, 0, kinds)!;
    expect(migrated.schemaVersion).toBe(2);
    expect(migrated.edges).toEqual([{ id: 'e', source: 't', sourceHandle: 'next', target: 'w' }]);
    const nodes = migrated.nodes as unknown[];
    expect(nodes[0]).toEqual(v0.nodes[0]);
    expect(nodes[1]).toMatchObject({ id: 'w', data: { mode: 'elapsed', amount: 3, unit: 'hours' } });
    // What a migration cannot understand is left for the schema check.
    expect(nodes.slice(2)).toEqual(v0.nodes.slice(2));
  });

  test('a graph already current is not migrated again', () => {
    const current = { schemaVersion: 2, nodes: [{ id: 'w', type: 'wait', data: { hours: 3 } }], edges: [] };
    expect(migrateGraph(current, 2, kinds)).toBe(current);
  });

  test('version 1 → 2: a wait\'s single window becomes rules, through wait\'s own migration', () => {
    const v1 = {
      schemaVersion: 1,
      nodes: [
        { id: 't', type: 'trigger', position: { x: 0, y: 0 }, data: { trigger: { kind: 'manual' }, reentry: 'everyTime' } },
        { id: 'w', type: 'wait', position: { x: 0, y: 100 }, data: { mode: 'dayAt', days: 1, time: '10:00', window: { start: '22:00', end: '02:00', weekdays: [6] } } },
        { id: 'e', type: 'end', position: { x: 0, y: 200 }, data: {} },
      ],
      edges: [{ id: 'a', source: 't', sourceHandle: 'next', target: 'w' }, { id: 'b', source: 'w', sourceHandle: 'next', target: 'e' }],
    };
    const parsed = parseFlowGraph(v1);
    expect(parsed).toMatchObject({ ok: true, migratedFrom: 1, graph: { schemaVersion: 2 } });
    const wait = parsed.ok ? parsed.graph.nodes.find((n) => n.id === 'w') : undefined;
    expect(wait?.data).not.toHaveProperty('window');
    // overnight: Saturday 22:00–24:00, then Sunday 00:00–02:00
    expect(wait?.data).toMatchObject({ windows: [{ days: [6], from: '22:00', to: '24:00' }, { days: [7], from: '00:00', to: '02:00' }] });
  });

  test('every kind declares its migrations next to its schema, and parse runs them', () => {
    for (const type of NODE_TYPES) expect(nodeKinds[type].migrations).toBeTypeOf('object');
    const parsed = parseFlowGraph({ nodes: [v0.nodes[0], { id: 'n', type: 'end', position: { x: 0, y: 0 }, data: {} }], edges: [{ id: 'e', source: 't', target: 'n' }] });
    expect(parsed).toMatchObject({ ok: true, migratedFrom: 0, graph: { edges: [{ sourceHandle: 'next' }] } });
  });
});
