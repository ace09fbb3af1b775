import { PgTransaction } from 'drizzle-orm/pg-core';
import { describe, expect, test, vi } from 'vitest';
import { liveScenarios, versionGraphs } from '../../src/store/version-graphs.ts';
import type { Tx } from '../../src/store/tx.ts';

// A batch reads each published graph once and the live scenarios once: the store functions the
// interpreter goes through ask the database only for what this process or this transaction lacks.

const graph = { schemaVersion: 2, nodes: [], edges: [] };

function fakeTx(rows: unknown[]) {
  const select = vi.fn(() => {
    const chain = { from: () => chain, where: () => Object.assign(Promise.resolve(rows), { orderBy: async () => rows }) };
    return chain;
  });
  // Shaped as a drizzle transaction (what a worker's batch runs in), with a select that counts.
  const tx = Object.assign(Object.create(PgTransaction.prototype) as object, { select }) as unknown as Tx;
  return { tx, select };
}

describe('versionGraphs', () => {
  test('one query for every version not parsed yet, none for those already parsed', async () => {
    const ids = [crypto.randomUUID(), crypto.randomUUID()];
    const { tx, select } = fakeTx(ids.map((id) => ({ id, graph })));
    const graphs = await versionGraphs(tx, [ids[0]!, ids[1]!, ids[0]!]);
    expect([...graphs.keys()]).toEqual(ids);
    expect(select).toHaveBeenCalledTimes(1);
    await versionGraphs(tx, ids);
    expect(select).toHaveBeenCalledTimes(1);
  });

  test('a version the database does not have is an error, not a silent gap', async () => {
    const { tx } = fakeTx([]);
    await expect(versionGraphs(tx, [crypto.randomUUID()])).rejects.toThrow(/does not exist/);
  });
});

describe('liveScenarios', () => {
  test('a transaction asks once per workspace; another transaction asks again', async () => {
    const workspaceId = crypto.randomUUID();
    const rows = [{ id: crypto.randomUUID(), workspaceId, versionId: crypto.randomUUID() }];
    const first = fakeTx(rows);
    expect(await liveScenarios(first.tx, [workspaceId])).toEqual(rows);
    expect(await liveScenarios(first.tx, [workspaceId, workspaceId])).toEqual(rows);
    expect(first.select).toHaveBeenCalledTimes(1);
    const second = fakeTx(rows);
    await liveScenarios(second.tx, [workspaceId]);
    expect(second.select).toHaveBeenCalledTimes(1);
  });

  test('the database handle itself is not a batch: every call asks', async () => {
    const workspaceId = crypto.randomUUID();
    const select = vi.fn(() => {
      const chain = { from: () => chain, where: () => ({ orderBy: async () => [] }) };
      return chain;
    });
    const db = { select } as unknown as Tx;
    await liveScenarios(db, [workspaceId]);
    await liveScenarios(db, [workspaceId]);
    expect(select).toHaveBeenCalledTimes(2);
  });
});
