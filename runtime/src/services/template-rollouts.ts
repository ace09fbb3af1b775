import type { Mapping, Rollout, RolloutTarget, StartRolloutBody, RetryRolloutBody } from '@lsb/shared/api';
import type { Db } from '../db/pool.ts';
import type { Principal } from '../accounts/principal.ts';
import { ApiError, conflict } from '../errors.ts';
import { roleAtLeast, workspaceRoleOf } from '../store/memberships.ts';
import {
  findLiveClone, findRollout, findTemplateRow, findVersionRow, insertRollout, isRolloutCancelRequested, listRollouts,
  organizationOfWorkspace, rolloutTargets, saveMapping, updateRollout, updateRolloutTarget, upsertClone, workspaceNames,
  type RolloutRow, type RolloutTargetRow, type TemplateRow,
} from '../store/templates.ts';
import { insertScenario, replaceDraft } from '../store/scenarios.ts';
import { recordAudit } from './audit.ts';
import { publishPreview, publishScenario } from './scenarios.ts';
import { applyMapping, previewGraph, rememberedChoices, requireRedirectableLinks } from './template-clone.ts';
import { requireTemplate, requireVersion, versionContent } from './templates.ts';
import { resolveMapping, rewriteGraphReferences } from '@lsb/shared';
import { loadCatalogue } from './catalogue.ts';

// Roll-out: one template version published to several workspaces of the organization. Long work,
// so it runs in the API process as a job: each target in its own transaction, progress on the
// rows, a cancel flag read between targets, per-target results (success, failure with a stable
// code, retry). A workspace that already holds a live clone gets a new published version of that
// scenario (its draft replaced by the template's), not a second copy.

interface Deps { db: Db; now: () => Date; log?: { error(obj: object, msg: string): void } }
type TargetError = { code: string; message: string; details?: unknown };
const running = new Set<Promise<void>>();
/** A running roll-out whose job has not moved for this long was left by a process that died: it may be retried or cancelled. */
export const ROLLOUT_STALE_MS = 10 * 60_000;
const isLive = (row: RolloutRow, now: Date) => row.status === 'running' && (row.heartbeatAt?.getTime() ?? 0) > now.getTime() - ROLLOUT_STALE_MS;

export async function settleRollouts(): Promise<void> {
  while (running.size > 0) await Promise.allSettled([...running]);
}

function toTarget(row: RolloutTargetRow, names: Map<string, string>): RolloutTarget {
  return {
    workspaceId: row.targetWorkspaceId, workspaceName: names.get(row.targetWorkspaceId) ?? '', status: row.status,
    error: (row.error as TargetError | null) ?? null, scenarioId: row.scenarioId, publishedVersion: row.publishedVersion,
    updatedExisting: row.updatedExisting, impact: (row.impact as RolloutTarget['impact']) ?? null, attempts: row.attempts,
  };
}

async function toRollouts(db: Db, rows: RolloutRow[]): Promise<Rollout[]> {
  const targets = await rolloutTargets(db, rows.map((r) => r.id));
  const names = await workspaceNames(db, [...new Set(targets.map((t) => t.targetWorkspaceId))]);
  const templates = new Map<string, string>();
  for (const row of rows) {
    const org = await organizationOfWorkspace(db, row.workspaceId);
    const template = org?.organizationId ? await findTemplateRow(db, org.organizationId, row.templateId) : undefined;
    templates.set(row.templateId, template?.name ?? '');
  }
  return rows.map((row) => {
    const mine = targets.filter((t) => t.rolloutId === row.id);
    return {
      id: row.id, templateId: row.templateId, templateName: templates.get(row.templateId) ?? '', version: row.version, status: row.status,
      total: mine.length, processed: mine.filter((t) => t.status !== 'pending').length, cancelRequested: row.cancelRequested,
      targets: mine.map((t) => toTarget(t, names)), createdAt: row.createdAt.toISOString(), finishedAt: row.finishedAt?.toISOString() ?? null,
    };
  });
}

export async function getRollout(db: Db, workspaceId: string, id: string): Promise<Rollout> {
  const row = await findRollout(db, workspaceId, id);
  if (!row) throw new ApiError(404, 'rollout_not_found', 'No such roll-out in this workspace.');
  return (await toRollouts(db, [row]))[0]!;
}

export async function listWorkspaceRollouts(db: Db, workspaceId: string): Promise<Rollout[]> {
  return toRollouts(db, await listRollouts(db, workspaceId));
}

const fail = (code: string, message: string, details?: unknown): never => {
  throw new ApiError(422, code, message, details);
};

async function mayEdit(db: Db, principal: Principal | null, workspaceId: string): Promise<boolean> {
  if (!principal) return false;
  if (principal.kind === 'token') return principal.workspaceId === workspaceId && roleAtLeast(principal.role, 'editor');
  const role = await workspaceRoleOf(db, principal.user.id, workspaceId);
  return role !== null && roleAtLeast(role, 'editor');
}

/** One target: checks first (nothing written on a refusal), then the clone or its new draft, then publish. */
async function rollOutTo(deps: Deps, principal: Principal | null, template: TemplateRow, version: number, target: RolloutTargetRow, rolloutId: string) {
  const { db } = deps;
  const workspaceId = target.targetWorkspaceId;
  const org = await organizationOfWorkspace(db, workspaceId);
  if (!org || org.organizationId !== template.organizationId) fail('rollout_workspace_not_found', 'That workspace is not in this organization.');
  if (!(await mayEdit(db, principal, workspaceId))) fail('rollout_forbidden', 'You may not edit this workspace (the editor role or higher is needed).');
  const versionRow = await findVersionRow(db, template.id, version);
  if (!versionRow) return fail('template_version_not_found', `The template has no version ${version}.`);
  const { graph, references } = versionContent(versionRow);
  const mapping: Mapping = { ...(await rememberedChoices(db, workspaceId, template.id, references)), ...(target.mapping as Mapping) };
  const catalogue = await loadCatalogue(db, workspaceId);
  const resolved = resolveMapping(references, { ...catalogue, fields: catalogue.fields.map((f) => ({ ...f, choices: f.choices ?? [] })) }, mapping);
  const [problem] = resolved.problems;
  if (problem) fail(problem.code, problem.message, { problems: resolved.problems });
  requireRedirectableLinks(resolved);
  if (resolved.unmapped.length > 0) fail('template_references_unmapped', 'Some references are new to this workspace: map them, then retry.', { unmapped: resolved.unmapped });
  const issues = await previewGraph(db, workspaceId, graph, resolved);
  if (issues.length > 0) fail('invalid_graph', 'The template does not validate in this workspace.', { issues });
  const existing = await findLiveClone(db, workspaceId, template.id);
  const at = deps.now();
  const scenarioId = await db.transaction(async (tx) => {
    const { byKey, ids } = await applyMapping(tx, workspaceId, resolved, at);
    const draft = rewriteGraphReferences(graph, ids);
    let id = existing?.scenarioId;
    if (id) await replaceDraft(tx, id, draft, at);
    else id = await insertScenario(tx, workspaceId, template.name, draft, at);
    await saveMapping(tx, workspaceId, template.id, byKey);
    await upsertClone(tx, { scenarioId: id, workspaceId, templateId: template.id, templateVersion: version, unmapped: [], createdAt: at });
    return id;
  });
  const impact = existing ? await publishPreview(db, workspaceId, scenarioId) : null;
  const published = await publishScenario(db, workspaceId, scenarioId, at);
  await recordAudit(db, principal, at, {
    workspaceId, action: 'template.rollout', targetType: 'template', targetId: template.id, targetLabel: template.name,
    details: { rolloutId, version, scenarioId, publishedVersion: published.version, updatedExisting: Boolean(existing) },
  });
  return {
    scenarioId, publishedVersion: published.version, updatedExisting: Boolean(existing),
    impact: impact ? { fromVersion: impact.fromVersion, changes: impact.changes, midRun: impact.midRun } : null,
  };
}

function run(deps: Deps, principal: Principal | null, rollout: RolloutRow, template: TemplateRow) {
  const promise = (async () => {
    try {
      const targets = (await rolloutTargets(deps.db, [rollout.id])).filter((t) => t.status === 'pending');
      for (const target of targets) {
        if (await isRolloutCancelRequested(deps.db, rollout.id)) {
          await updateRolloutTarget(deps.db, rollout.id, target.targetWorkspaceId, { status: 'cancelled', error: { code: 'rollout_cancelled', message: 'The roll-out was cancelled before this workspace.' } });
          continue;
        }
        try {
          const result = await rollOutTo(deps, principal, template, rollout.version, target, rollout.id);
          await updateRolloutTarget(deps.db, rollout.id, target.targetWorkspaceId, { status: 'succeeded', error: null, ...result, attempts: target.attempts + 1 });
        } catch (error) {
          const e = error instanceof ApiError ? { code: error.code, message: error.message, ...(error.details !== undefined ? { details: error.details } : {}) }
            : { code: 'rollout_failed', message: 'This workspace could not be updated; retry it.' };
          if (!(error instanceof ApiError)) deps.log?.error({ err: error, rolloutId: rollout.id }, 'roll-out target failed');
          await updateRolloutTarget(deps.db, rollout.id, target.targetWorkspaceId, { status: 'failed', error: e, attempts: target.attempts + 1 });
        }
        await updateRollout(deps.db, rollout.id, { heartbeatAt: deps.now() });
      }
      const cancelled = await isRolloutCancelRequested(deps.db, rollout.id);
      await updateRollout(deps.db, rollout.id, { status: cancelled ? 'cancelled' : 'done', finishedAt: deps.now() });
    } catch (error) {
      deps.log?.error({ err: error, rolloutId: rollout.id }, 'roll-out failed');
      await updateRollout(deps.db, rollout.id, { status: 'failed', finishedAt: deps.now() }).catch(() => undefined);
    }
  })();
  running.add(promise);
  void promise.finally(() => running.delete(promise));
}

export async function startRollout(deps: Deps, workspaceId: string, principal: Principal | null, body: StartRolloutBody): Promise<Rollout> {
  const template = await requireTemplate(deps.db, workspaceId, body.templateId);
  const version = (await requireVersion(deps.db, template, body.version)).version;
  const unique = [...new Map(body.targets.map((t) => [t.workspaceId, t])).values()];
  const rollout = await insertRollout(deps.db, { workspaceId, templateId: template.id, version, status: 'running', createdAt: deps.now(), heartbeatAt: deps.now() },
    unique.map((t, position) => ({ workspaceId, targetWorkspaceId: t.workspaceId, position, status: 'pending' as const, mapping: t.mapping ?? {} })));
  run(deps, principal, rollout, template);
  return getRollout(deps.db, workspaceId, rollout.id);
}

export async function cancelRollout(db: Db, workspaceId: string, id: string, now: Date): Promise<Rollout> {
  const row = await findRollout(db, workspaceId, id);
  if (!row) throw new ApiError(404, 'rollout_not_found', 'No such roll-out in this workspace.');
  if (isLive(row, now)) {
    await updateRollout(db, id, { cancelRequested: true });
  } else if (row.status === 'running') {
    // Its process died: nobody will read the flag, so the cancel is done here.
    for (const target of (await rolloutTargets(db, [id])).filter((t) => t.status === 'pending')) {
      await updateRolloutTarget(db, id, target.targetWorkspaceId, { status: 'cancelled', error: { code: 'rollout_cancelled', message: 'The roll-out was cancelled before this workspace.' } });
    }
    await updateRollout(db, id, { cancelRequested: true, status: 'cancelled', finishedAt: now });
  }
  return getRollout(db, workspaceId, id);
}

export async function retryRollout(deps: Deps, workspaceId: string, principal: Principal | null, id: string, body: RetryRolloutBody): Promise<Rollout> {
  const row = await findRollout(deps.db, workspaceId, id);
  if (!row) throw new ApiError(404, 'rollout_not_found', 'No such roll-out in this workspace.');
  if (isLive(row, deps.now())) throw conflict('rollout_running', 'The roll-out is still running; wait for it or cancel it first.');
  const template = await requireTemplate(deps.db, workspaceId, row.templateId);
  const given = new Map((body.targets ?? []).map((t) => [t.workspaceId, t]));
  // Failed and cancelled targets, and pending ones a dead process never reached.
  const again = (await rolloutTargets(deps.db, [id])).filter((t) => t.status !== 'succeeded' && (given.size === 0 || given.has(t.targetWorkspaceId)));
  for (const target of again) {
    const mapping = given.get(target.targetWorkspaceId)?.mapping;
    await updateRolloutTarget(deps.db, id, target.targetWorkspaceId, { status: 'pending', error: null, ...(mapping ? { mapping } : {}) });
  }
  await updateRollout(deps.db, id, { status: 'running', cancelRequested: false, finishedAt: null, heartbeatAt: deps.now() });
  run(deps, principal, { ...row, status: 'running', cancelRequested: false }, template);
  return getRollout(deps.db, workspaceId, id);
}
