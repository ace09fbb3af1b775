import type pg from 'pg';
import { Compile } from 'typebox/compile';
import type { Condition } from '@lsb/shared';
import {
  DEFAULT_RFM_SETTINGS, RfmSettings, type CrossBody, type CrossBucket, type CrossDimension, type CrossTable, type RfmMetric, type RfmSummary,
} from '@lsb/shared/api';
import type { Db } from '../db/pool.ts';
import { badRequest, notFound } from '../errors.ts';
import { compileCondition, compileFactsCondition } from '../segments/compile.ts';
import { listPointRows } from '../store/conversions.ts';
import { readRfmSettings, writeRfmSettings } from '../store/rfm.ts';
import { tagNumbers } from '../store/segments.ts';
import { loadCatalogue } from './catalogue.ts';
import { loadSegments, parseCondition, type Scope } from './segments.ts';

const MAX_BUCKETS = 30;
const checkSettings = Compile(RfmSettings);
type Bucket = Omit<CrossBucket, 'count'> & { condition: Condition };

export async function getRfmSettings(db: Db, workspaceId: string): Promise<RfmSettings> {
  const stored = await readRfmSettings(db, workspaceId);
  return stored !== undefined && checkSettings.Check(stored) ? stored : DEFAULT_RFM_SETTINGS;
}

/** Bands must have min ≤ max and must not overlap within a metric; auto-tags must be the workspace's. */
export async function saveRfmSettings(db: Db, workspaceId: string, settings: RfmSettings): Promise<RfmSettings> {
  for (const metric of ['recency', 'frequency', 'monetary'] as const) {
    const bands = settings[metric];
    const ids = new Set<string>();
    for (const band of bands) {
      if (ids.has(band.id)) throw badRequest('invalid_rfm_bands', `Two ${metric} bands share the id ${band.id}.`, { metric, bandId: band.id });
      ids.add(band.id);
      if (band.min !== undefined && band.max !== undefined && band.min > band.max) throw badRequest('invalid_rfm_bands', `The ${metric} band ${band.label} ends before it starts.`, { metric, bandId: band.id });
    }
    const sorted = [...bands].sort((a, b) => (a.min ?? -Infinity) - (b.min ?? -Infinity));
    for (let i = 1; i < sorted.length; i += 1) {
      const before = sorted[i - 1]!;
      const band = sorted[i]!;
      if (before.max === undefined || (band.min ?? -Infinity) <= before.max) throw badRequest('invalid_rfm_bands', `The ${metric} bands ${before.label} and ${band.label} overlap.`, { metric, bandId: band.id });
    }
  }
  const tagIds = RfmMetricList.flatMap((metric) => settings[metric].flatMap((band) => (band.tagId ? [band.tagId] : [])));
  if (tagIds.length) {
    const known = new Set((await loadCatalogue(db, workspaceId)).tags.map((tag) => tag.id));
    if (tagIds.some((id) => !known.has(id))) throw notFound('tag');
  }
  await writeRfmSettings(db, workspaceId, settings);
  return settings;
}

const RfmMetricList: RfmMetric[] = ['recency', 'frequency', 'monetary'];

function bandCondition(metric: RfmMetric, band: { min?: number | undefined; max?: number | undefined }): Condition {
  return { kind: 'rfm', metric, ...(band.min === undefined ? {} : { min: band.min }), ...(band.max === undefined ? {} : { max: band.max }) };
}

/** The buckets of one dimension, each with its segment condition. */
async function bucketsOf(db: Db, workspaceId: string, dimension: CrossDimension): Promise<Bucket[]> {
  switch (dimension.kind) {
    case 'tag': {
      const names = new Map((await loadCatalogue(db, workspaceId)).tags.map((tag) => [tag.id, tag.name]));
      return [...new Set(dimension.tagIds)].map((tagId) => {
        if (!names.has(tagId)) throw notFound('tag');
        return { key: tagId, label: names.get(tagId)!, condition: { kind: 'tag', tagId, has: true } };
      });
    }
    case 'field': {
      const field = (await loadCatalogue(db, workspaceId)).fields.find((f) => f.id === dimension.fieldId);
      if (!field) throw notFound('field');
      const unset: Bucket = { key: 'unset', label: '', builtin: 'unset', condition: { kind: 'not', condition: { kind: 'fieldSet', fieldId: field.id } } };
      if (field.kind === 'choice') {
        return [...field.choices.map((choice): Bucket => ({ key: `choice:${choice}`, label: choice, condition: { kind: 'fieldChoice', fieldId: field.id, anyOf: [choice] } })), unset];
      }
      return [{ key: 'set', label: '', builtin: 'set', condition: { kind: 'fieldSet', fieldId: field.id } }, unset];
    }
    case 'inflowRoute': {
      const routes = (await loadCatalogue(db, workspaceId)).inflowRoutes;
      return [
        ...routes.map((route): Bucket => ({ key: route.id, label: route.name, condition: { kind: 'inflowRoute', routeIds: [route.id] } })),
        { key: 'none', label: '', builtin: 'none', condition: { kind: 'not', condition: { kind: 'inflowRoute', routeIds: routes.map((r) => r.id) } } },
      ];
    }
    case 'conversion': {
      const points = (await listPointRows(db, workspaceId)).filter((p) => !dimension.pointIds || dimension.pointIds.includes(p.id));
      if (dimension.pointIds && points.length !== new Set(dimension.pointIds).size) throw notFound('conversion_point');
      return [
        ...points.map((point): Bucket => ({ key: point.id, label: point.name, condition: { kind: 'rfm', metric: 'frequency', min: 1, pointId: point.id } })),
        { key: 'none', label: '', builtin: 'none', condition: { kind: 'not', condition: { kind: 'rfm', metric: 'frequency', min: 1 } } },
      ];
    }
    case 'friendStatus':
      return (['active', 'blocked'] as const).map((status) => ({ key: status, label: '', builtin: status, condition: { kind: 'friendStatus', status } }));
    case 'rfm': {
      const settings = await getRfmSettings(db, workspaceId);
      return settings[dimension.metric].map((band) => ({ key: band.id, label: band.label, condition: bandCondition(dimension.metric, band) }));
    }
  }
}

/**
 * クロス分析: friends (within the filter) in each row bucket and column bucket and in each pair,
 * one pass over the friends: every bucket's predicate is computed once per friend, then counted.
 */
export async function crossTable(db: Db, pool: pg.Pool, scope: Scope, body: CrossBody): Promise<CrossTable> {
  const [rows, columns] = await Promise.all([bucketsOf(db, scope.workspaceId, body.rows), bucketsOf(db, scope.workspaceId, body.columns)]);
  if (rows.length > MAX_BUCKETS || columns.length > MAX_BUCKETS) throw badRequest('too_many_buckets', `A side has at most ${MAX_BUCKETS} buckets.`);
  const filter: Condition = body.filter === undefined ? { kind: 'and', conditions: [] } : parseCondition(body.filter);
  const [{ resolve }, tagNums] = await Promise.all([loadSegments(db, scope.workspaceId), tagNumbers(db, scope.workspaceId)]);
  const params: unknown[] = [];
  let needsFriend = false;
  // Over the narrow facts rows (friends joined only when a condition reads the friends row), so
  // a bucket's tag or field test is a test on the row, not a lookup per friend.
  const compile = (condition: Condition) => {
    const compiled = compileFactsCondition(condition, { ...scope, segments: resolve, tagNums, firstParam: params.length + 1 });
    params.push(...compiled.params);
    needsFriend ||= compiled.needsFriend;
    return compiled.sql;
  };
  const where = compile(filter);
  const flags = [...rows.map((b, i) => `${compile(b.condition)} as r${i}`), ...columns.map((b, j) => `${compile(b.condition)} as c${j}`)];
  const counts = [
    'count(*)::int as total',
    ...rows.map((_, i) => `count(*) filter (where r${i})::int as r${i}`),
    ...columns.map((_, j) => `count(*) filter (where c${j})::int as c${j}`),
    ...rows.flatMap((_, i) => columns.map((__, j) => `count(*) filter (where r${i} and c${j})::int as x${i}_${j}`)),
  ];
  const from = needsFriend ? 'friend_segment_facts s join friends f on f.id = s.friend_id' : 'friend_segment_facts s';
  const result = await pool.query<Record<string, number>>(
    `select ${counts.join(', ')} from (select ${flags.length ? flags.join(', ') : '1 as one'} from ${from} where ${where}) t`, params);
  const row = result.rows[0] ?? {};
  return {
    rows: rows.map((b, i) => ({ ...b, count: row[`r${i}`] ?? 0 })),
    columns: columns.map((b, j) => ({ ...b, count: row[`c${j}`] ?? 0 })),
    cells: rows.map((_, i) => columns.map((__, j) => row[`x${i}_${j}`] ?? 0)),
    total: row.total ?? 0,
  };
}

/** Friends per band of each metric, with each band's condition (for the friends page and segments). */
export async function rfmSummary(db: Db, pool: pg.Pool, scope: Scope): Promise<RfmSummary> {
  const settings = await getRfmSettings(db, scope.workspaceId);
  const bands = RfmMetricList.flatMap((metric) => settings[metric].map((band) => ({ metric, band, condition: bandCondition(metric, band) })));
  const params: unknown[] = [];
  const compile = (condition: Condition, workspace = false) => {
    const compiled = compileCondition(condition, { ...scope, firstParam: params.length + 1, ...(workspace ? { workspaceId: scope.workspaceId } : {}) });
    params.push(...compiled.params);
    return compiled.sql;
  };
  const where = compile({ kind: 'and', conditions: [] }, true);
  const converted = compile({ kind: 'rfm', metric: 'frequency', min: 1 });
  const counts = [`count(*) filter (where ${converted})::int as converted`, ...bands.map((b, i) => `count(*) filter (where ${compile(b.condition)})::int as b${i}`)];
  const result = await pool.query<Record<string, number>>(`select ${counts.join(', ')} from friends f where ${where}`, params);
  const row = result.rows[0] ?? {};
  const of = (metric: RfmMetric) => bands.flatMap((b, i) => (b.metric === metric ? [{ bandId: b.band.id, label: b.band.label, count: row[`b${i}`] ?? 0, condition: b.condition }] : []));
  return { converted: row.converted ?? 0, recency: of('recency'), frequency: of('frequency'), monetary: of('monetary') };
}
