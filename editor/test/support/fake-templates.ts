import { Type } from 'typebox';
import * as Api from '@lsb/shared/api';
import { parseBundle, TemplateBundle, templateThumbnail, type TemplateCategory, type TemplateReferences } from '@lsb/shared';
import type { FlowGraph } from '../../src/flow/language.ts';
import type { FakeApiParts } from './fake-runtime.ts';
import { Failure, route } from './fake-route.ts';
import { ORG } from './fake-accounts.ts';
import { server } from './server.ts';

// The templates routes (shared/src/api/templates.ts) as MSW handlers over in-memory state, on top
// of a fake runtime (its gate, ids, scenarios and catalogues). Answers are checked against the
// shared schemas like every fake route. Behaviour is the runtime's in small: suggestions by name,
// field candidates of the same kind, a remembered mapping per workspace, roll-outs that update an
// existing clone in place. A roll-out advances one target per poll, so progress can be watched.

export interface StoredTemplateVersion { version: number; graph: FlowGraph; references: TemplateReferences; createdAt: string }
export interface StoredTemplate {
  id: string; name: string; description: string; category: TemplateCategory; createdAt: string; updatedAt: string;
  versions: StoredTemplateVersion[];
}
export interface TemplatesControls {
  templates: Map<string, StoredTemplate>;
  /** scenario id → the template and version it was cloned from */
  clones: Map<string, { ws: string; templateId: string; version: number }>;
  /** `${ws}|${templateId}` → reference key → target id */
  remembered: Map<string, Record<string, string>>;
  rollouts: Map<string, Api.Rollout & { plan: Api.StartRolloutBody['targets'] }>;
  /** Workspaces where a roll-out target fails with this code (first attempt only when `once`). */
  failRollout: Map<string, { code: string; once: boolean }>;
  saves: Api.SaveTemplateBody[];
  clonesMade: Api.CloneBody[];
  imports: string[];
  /** While true, polling a roll-out shows no progress (the job has not picked it up yet). */
  holdRollouts: boolean;
  /** The next import is refused with this code (a check only the runtime makes). */
  failImport?: { code: string; params: Record<string, string | number> } | undefined;
}

const now = () => new Date().toISOString();
const clone = <T>(v: T): T => structuredClone(v);
const W = '*/api/workspaces/:ws';
const KIND_LIST = { tag: 'tags', field: 'fields', inflowRoute: 'inflowRoutes', link: 'links', scenario: 'scenarios' } as const;
const STARTER: Api.StarterSummary = {
  key: 'welcomeSeries', category: 'welcome', name: { ja: 'ウェルカムシリーズ', en: 'Welcome series' },
  description: { ja: '友だち追加の翌日10:00にフォロー', en: 'A follow-up the next day at 10:00' },
  thumbnail: templateThumbnail({ nodes: [], edges: [] }), referenceCounts: { tags: 1, fields: 0, inflowRoutes: 0, links: 0, scenarios: 0 }, nodeCount: 3,
};

/** `names`: the workspaces' names, as roll-out results show them. */
export function installFakeTemplates(api: FakeApiParts, names: Record<string, string> = {}) {
  const controls: TemplatesControls = {
    templates: new Map(), clones: new Map(), remembered: new Map(), rollouts: new Map(), failRollout: new Map(), saves: [], clonesMade: [], imports: [], holdRollouts: false,
  };
  const { gate } = api;
  const find = (id: string) => {
    const t = controls.templates.get(id);
    if (!t) throw new Failure(404, 'template_not_found');
    return t;
  };
  const latest = (t: StoredTemplate) => t.versions.at(-1)!;
  const counts = (r: TemplateReferences) => ({ tags: r.tags.length, fields: r.fields.length, inflowRoutes: r.inflowRoutes.length, links: r.links.length, scenarios: r.scenarios.length });
  const summary = (t: StoredTemplate): Api.TemplateSummary => ({
    id: t.id, organizationId: ORG.id, name: t.name, description: t.description, category: t.category, latestVersion: latest(t).version,
    source: { kind: 'bundle' }, thumbnail: templateThumbnail(latest(t).graph), referenceCounts: counts(latest(t).references),
    nodeCount: latest(t).graph.nodes.length, createdAt: t.createdAt, updatedAt: t.updatedAt,
  });
  const detail = (t: StoredTemplate): Api.TemplateDetail => ({
    ...summary(t), versions: t.versions.map((v) => ({ version: v.version, createdAt: v.createdAt, createdBy: 'オーナー花子' })),
  });
  /** A template (or its next version) made from a graph and references, as saving or importing does. */
  const add = (input: { name: string; description?: string; category?: TemplateCategory; graph: FlowGraph; references: TemplateReferences; templateId?: string }) => {
    const existing = input.templateId ? find(input.templateId) : undefined;
    const t: StoredTemplate = existing ?? { id: api.newId(), name: input.name, description: '', category: 'other', createdAt: now(), updatedAt: now(), versions: [] };
    Object.assign(t, { name: input.name, description: input.description ?? t.description, category: input.category ?? t.category, updatedAt: now() });
    t.versions.push({ version: t.versions.length + 1, graph: clone(input.graph), references: clone(input.references), createdAt: now() });
    controls.templates.set(t.id, t);
    return t;
  };
  const version = (t: StoredTemplate, v?: number) => {
    const found = v === undefined ? latest(t) : t.versions.find((x) => x.version === v);
    if (!found) throw new Failure(404, 'template_version_not_found');
    return found;
  };
  const rows = (ws: string, t: StoredTemplate, v: StoredTemplateVersion): Api.ReferenceRow[] => {
    const cat = api.catalogue(ws);
    const saved = controls.remembered.get(`${ws}|${t.id}`) ?? {};
    const entries = (kind: keyof typeof KIND_LIST) => ({ tag: cat.tags, field: cat.fields, inflowRoute: cat.inflowRoutes, link: cat.links, scenario: [...api.controls.scenarios.values()].filter((s) => s.workspaceId === ws) }[kind]);
    return (Object.keys(KIND_LIST) as (keyof typeof KIND_LIST)[]).flatMap((kind) => v.references[KIND_LIST[kind]].map((ref): Api.ReferenceRow => {
      const key = `${kind}:${ref.id}`;
      const fieldKind = 'kind' in ref ? ref.kind : undefined;
      const candidates = entries(kind).filter((e) => kind !== 'field' || ('kind' in e && e.kind === fieldKind)).map((e) => ({ id: e.id, name: e.name }));
      const same = candidates.find((c) => c.name === ref.name);
      const remembered = saved[key] !== undefined && candidates.some((c) => c.id === saved[key]);
      return {
        key, kind, id: ref.id, name: ref.name, candidates, remembered,
        suggestion: remembered ? { action: 'existing', targetId: saved[key]! } : same ? { action: 'existing', targetId: same.id } : { action: 'create' },
        ...(fieldKind ? { fieldKind, choices: 'choices' in ref ? ref.choices : [] } : {}),
        ...('folder' in ref ? { folder: ref.folder } : {}),
      };
    }));
  };
  /** Applies a mapping in `ws`: creates what it asks for, remembers it, and returns the graph with the workspace's ids. */
  const applyMapping = (ws: string, t: StoredTemplate, v: StoredTemplateVersion, mapping: Api.Mapping) => {
    const all = rows(ws, t, v);
    const ids: Record<string, string> = {};
    const created: Record<string, string> = {};
    for (const row of all) {
      const choice = mapping[row.key] ?? (row.remembered ? row.suggestion : undefined);
      if (!choice) continue;
      if (choice.action === 'existing') {
        if (!row.candidates.some((c) => c.id === choice.targetId)) throw new Failure(422, row.kind === 'field' ? 'mapping_field_kind_mismatch' : 'mapping_target_not_found');
        ids[row.id] = choice.targetId;
      } else {
        const item = { id: api.newId(), name: choice.name ?? row.name };
        const cat = api.catalogue(ws);
        if (row.kind === 'tag') cat.tags.push(item);
        else if (row.kind === 'field') cat.fields.push({ ...item, kind: row.fieldKind as 'text', choices: row.choices ?? [] });
        else if (row.kind === 'inflowRoute') cat.inflowRoutes.push(item);
        else if (row.kind === 'link') cat.links.push({ ...item, url: row.url ?? '' });
        ids[row.id] = created[row.key] = item.id;
      }
    }
    controls.remembered.set(`${ws}|${t.id}`, { ...controls.remembered.get(`${ws}|${t.id}`), ...Object.fromEntries(all.filter((r) => ids[r.id]).map((r) => [r.key, ids[r.id]!])) });
    const text = Object.entries(ids).reduce((json, [from, to]) => json.replaceAll(`"${from}"`, `"${to}"`), JSON.stringify(v.graph));
    return { graph: JSON.parse(text) as FlowGraph, unmapped: all.filter((r) => !ids[r.id]).map((r) => r.key), created };
  };
  const newScenario = (ws: string, name: string, graph: FlowGraph) => {
    const s = { id: api.newId(), workspaceId: ws, name, state: 'active' as const, publishedVersion: null, draftRevision: 1, runningCount: 0, priority: 100, updatedAt: now(), draft: graph, versions: [] };
    api.controls.scenarios.set(s.id, s);
    return s;
  };
  /** One roll-out target, as the runtime's job runs it. */
  const runTarget = (r: Api.Rollout & { plan: Api.StartRolloutBody['targets'] }, target: Api.RolloutTarget) => {
    target.attempts += 1;
    const failure = controls.failRollout.get(target.workspaceId);
    if (failure && (!failure.once || target.attempts === 1)) {
      Object.assign(target, { status: 'failed', error: { code: failure.code, message: failure.code } });
      return;
    }
    const t = find(r.templateId);
    const v = version(t, r.version);
    const mapping = r.plan.find((p) => p.workspaceId === target.workspaceId)?.mapping ?? {};
    const { graph } = applyMapping(target.workspaceId, t, v, mapping);
    const existing = [...controls.clones.entries()].find(([, c]) => c.ws === target.workspaceId && c.templateId === t.id)?.[0];
    const s = existing ? api.controls.scenarios.get(existing)! : newScenario(target.workspaceId, t.name, graph);
    s.draft = graph;
    s.versions.push({ id: api.newId(), version: s.versions.length + 1, publishedAt: now(), graph: clone(graph) });
    s.publishedVersion = s.versions.length;
    controls.clones.set(s.id, { ws: target.workspaceId, templateId: t.id, version: v.version });
    Object.assign(target, {
      status: 'succeeded', error: null, scenarioId: s.id, publishedVersion: s.publishedVersion, updatedExisting: existing !== undefined,
      impact: existing ? { fromVersion: s.publishedVersion - 1, changes: { added: [], removed: [], changed: ['welcome'] }, midRun: [{ nodeId: 'wait', count: 2 }] } : null,
    });
  };
  const advance = (r: Api.Rollout & { plan: Api.StartRolloutBody['targets'] }) => {
    if (controls.holdRollouts) return;
    const next = r.targets.find((x) => x.status === 'pending');
    if (next && r.cancelRequested) {
      for (const x of r.targets) if (x.status === 'pending') x.status = 'cancelled';
    } else if (next) {
      runTarget(r, next);
    }
    r.processed = r.targets.filter((x) => x.status !== 'pending').length;
    if (r.processed === r.total) {
      r.status = r.cancelRequested ? 'cancelled' : r.targets.some((x) => x.status === 'failed') ? 'failed' : 'done';
      r.finishedAt = now();
    }
  };
  const rolloutAnswer = ({ plan: _plan, ...r }: Api.Rollout & { plan: unknown }): Api.Rollout => clone(r);
  const workspaceName = (ws: string) => names[ws] ?? ws;

  server.use(
    route('get', `${W}/templates`, Type.Array(Api.TemplateSummary), 'listTemplates', gate, () => [...controls.templates.values()].map(summary)),
    route('get', `${W}/templates/starters`, Type.Array(Api.StarterSummary), 'starters', gate, () => [STARTER]),
    route('post', `${W}/templates/starters`, Api.TemplateDetail, 'addStarter', gate, ({ body }) => {
      const input = body as Api.AddStarterBody;
      if (input.starter !== STARTER.key) throw new Failure(404, 'starter_not_found');
      return detail(add({ name: STARTER.name[input.language ?? 'ja'], category: 'welcome', graph: { schemaVersion: 1, nodes: [], edges: [] } as unknown as FlowGraph, references: { tags: [], fields: [], inflowRoutes: [], links: [], scenarios: [] } }));
    }, 201),
    route('post', `${W}/templates/import`, Api.TemplateDetail, 'importBundle', gate, ({ body }) => {
      const text = (body as Api.ImportBundleBody).bundle;
      controls.imports.push(text);
      // The runtime reads the file with shared's reader, as the dialog's preview does.
      const parsed = parseBundle(text);
      if (!parsed.ok) throw new Failure(parsed.error.code === 'bundle_too_large' ? 413 : 422, parsed.error.code, parsed.error.params);
      if (controls.failImport) throw new Failure(422, controls.failImport.code, controls.failImport.params);
      const { template, graph, references } = parsed.bundle;
      return detail(add({ ...template, graph, references }));
    }, 201),
    route('post', `${W}/templates`, Api.TemplateDetail, 'saveTemplate', gate, ({ params, body }) => {
      const input = body as Api.SaveTemplateBody;
      controls.saves.push(input);
      const s = api.controls.scenarios.get(input.scenarioId);
      if (!s || s.workspaceId !== params.ws) throw new Failure(404, 'scenario_not_found');
      if (input.from === 'published' && s.publishedVersion === null) throw new Failure(409, 'scenario_not_published');
      const graph = input.from === 'published' ? s.versions.at(-1)!.graph : s.draft;
      const cat = api.catalogue(params.ws!);
      const text = JSON.stringify(graph);
      const references = {
        tags: cat.tags.filter((t) => text.includes(t.id)).map((t) => ({ id: t.id, name: t.name, folder: null })),
        fields: cat.fields.filter((f) => text.includes(f.id)).map((f) => ({ id: f.id, name: f.name, kind: f.kind, choices: f.choices ?? [] })),
        inflowRoutes: [], links: [], scenarios: [],
      };
      return detail(add({ ...input, graph, references }));
    }, 201),
    route('get', `${W}/templates/:id`, Api.TemplateDetail, 'getTemplate', gate, ({ params }) => detail(find(params.id!))),
    route('get', `${W}/templates/:id/bundle`, TemplateBundle, 'templateBundle', gate, ({ params }) => {
      const t = find(params.id!);
      const v = latest(t);
      return { format: 'lsb-template-bundle', bundleVersion: 2, exportedAt: now(), template: { name: t.name, description: t.description, category: t.category, version: v.version }, graph: v.graph, references: v.references } as TemplateBundle;
    }),
    route('post', `${W}/templates/:id/clone-preview`, Api.ClonePreview, 'clonePreview', gate, ({ params, body }) => {
      const t = find(params.id!);
      const v = version(t, (body as { version?: number } | undefined)?.version);
      const existing = [...controls.clones.entries()].find(([, c]) => c.ws === params.ws && c.templateId === t.id);
      const s = existing ? api.controls.scenarios.get(existing[0]) : undefined;
      return { templateId: t.id, version: v.version, references: rows(params.ws!, t, v), existingClone: s && existing ? { scenarioId: s.id, name: s.name, templateVersion: existing[1].version } : null };
    }),
    route('post', `${W}/templates/:id/clone`, Api.CloneResult, 'cloneTemplate', gate, ({ params, body }) => {
      const input = body as Api.CloneBody;
      controls.clonesMade.push(input);
      const t = find(params.id!);
      const v = version(t, input.version);
      const { graph, unmapped, created } = applyMapping(params.ws!, t, v, input.mapping);
      const s = input.scenarioId ? api.controls.scenarios.get(input.scenarioId)! : newScenario(params.ws!, input.name ?? t.name, graph);
      s.draft = graph;
      controls.clones.set(s.id, { ws: params.ws!, templateId: t.id, version: v.version });
      return { scenarioId: s.id, name: s.name, templateVersion: v.version, unmapped, created };
    }, 201),
    route('get', `${W}/scenarios/:id/template-link`, Api.TemplateLink, 'templateLink', gate, ({ params }) => {
      const link = controls.clones.get(params.id!);
      if (!link) throw new Failure(404, 'not_a_template_clone');
      const t = find(link.templateId);
      const from = version(t, link.version);
      const to = latest(t);
      const before = new Map(from.graph.nodes.map((n) => [n.id, JSON.stringify(n.data)]));
      const after = new Map(to.graph.nodes.map((n) => [n.id, JSON.stringify(n.data)]));
      return {
        templateId: t.id, templateName: t.name, clonedVersion: from.version, latestVersion: to.version, updateAvailable: to.version > from.version,
        clonedGraph: from.graph, latestGraph: to.graph,
        changes: {
          added: [...after.keys()].filter((k) => !before.has(k)), removed: [...before.keys()].filter((k) => !after.has(k)),
          changed: [...after.keys()].filter((k) => before.has(k) && before.get(k) !== after.get(k)),
        },
      };
    }),
    route('post', `${W}/template-rollouts`, Api.Rollout, 'startRollout', gate, ({ body }) => {
      const input = body as Api.StartRolloutBody;
      const t = find(input.templateId);
      const v = version(t, input.version);
      const r = {
        id: api.newId(), templateId: t.id, templateName: t.name, version: v.version, status: 'running', total: input.targets.length, processed: 0,
        cancelRequested: false, createdAt: now(), finishedAt: null, plan: input.targets,
        targets: input.targets.map((x) => ({
          workspaceId: x.workspaceId, workspaceName: workspaceName(x.workspaceId), status: 'pending', error: null, scenarioId: null,
          publishedVersion: null, updatedExisting: false, impact: null, attempts: 0,
        })),
      } as Api.Rollout & { plan: Api.StartRolloutBody['targets'] };
      controls.rollouts.set(r.id, r);
      return rolloutAnswer(r);
    }, 202),
    route('get', `${W}/template-rollouts/:id`, Api.Rollout, 'getRollout', gate, ({ params }) => {
      const r = controls.rollouts.get(params.id!);
      if (!r) throw new Failure(404, 'rollout_not_found');
      if (r.status === 'running') advance(r);
      return rolloutAnswer(r);
    }),
    route('post', `${W}/template-rollouts/:id/cancel`, Api.Rollout, 'cancelRollout', gate, ({ params }) => {
      const r = controls.rollouts.get(params.id!)!;
      r.cancelRequested = true;
      return rolloutAnswer(r);
    }),
    route('post', `${W}/template-rollouts/:id/retry`, Api.Rollout, 'retryRollout', gate, ({ params, body }) => {
      const r = controls.rollouts.get(params.id!)!;
      const only = (body as Api.RetryRolloutBody).targets?.map((x) => x.workspaceId);
      for (const x of r.targets) if ((x.status === 'failed' || x.status === 'cancelled') && (!only || only.includes(x.workspaceId))) Object.assign(x, { status: 'pending', error: null });
      Object.assign(r, { status: 'running', cancelRequested: false, finishedAt: null, processed: r.targets.filter((x) => x.status !== 'pending').length });
      return rolloutAnswer(r);
    }, 202),
  );
  return { controls, add };
}
