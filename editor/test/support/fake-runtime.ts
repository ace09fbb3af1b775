import { Type } from 'typebox';
import * as Api from '@lsb/shared/api';
import { createHttpApi } from '../../src/api/httpApi.ts';
import { createHttpLineApi } from '../../src/api/httpLineApi.ts';
import type { LineApi } from '../../src/api/LineApi.ts';
import type { Channel, FriendDetail, InboxEntry } from '../../src/api/lineTypes.ts';
import type { ScenarioApi } from '../../src/api/ScenarioApi.ts';
import type { ScenarioDetail, ScenarioStats, VersionDetail, Workspace, WorkspaceCatalogue } from '../../src/api/types.ts';
import { emptyGraph, type FlowGraph } from '../../src/flow/language.ts';
import { id, WS1 } from './ids.ts';
import { Failure, outages, route, type Handler } from './fake-route.ts';
import { installFakeAccounts, type AccountsSeed, type FakeAccountsControls } from './fake-accounts.ts';
import { server } from './server.ts';
import { measureRoutes } from './fake-measure.ts';

// The runtime's routes as MSW request handlers over in-memory state, for component and store tests.
// The editor talks to them through its real HTTP clients; every answer is checked against the
// shared schema the runtime's route declares (schema-check.ts), so the two cannot drift apart.

export interface StoredScenario extends ScenarioDetail {
  workspaceId: string;
  versions: VersionDetail[];
}

/** Knobs a test turns to play a flaky or stopped runtime, and the state behind the routes. */
export interface FakeControls {
  /** While true every call fails as if the runtime were stopped. */
  down: boolean;
  /** The next N calls fail with a 503. */
  failNext: number;
  calls: string[];
  scenarios: Map<string, StoredScenario>;
  catalogues: Map<string, WorkspaceCatalogue>;
  stats: Map<string, ScenarioStats>;
  /** Per-node measures by scenario id; absent ones are derived from `stats` (all in the period). */
  measures?: Map<string, Api.NodeMeasures>;
  conversionPoints?: Api.ConversionPoint[];
  /** The query of each per-node measures request (`?from=…&to=…`), when a test wants to see the days asked for. */
  measureQueries?: string[];
  /** The accounts side (sessions, roles, members…); absent in the in-memory autosave double. */
  accounts?: FakeAccountsControls;
}

export interface FakeLineControls {
  down: boolean;
  calls: string[];
  channels: Channel[];
  friends: Map<string, FriendDetail>;
  inboxes: Map<string, InboxEntry[]>;
  /** What "fast-forward" answers as fired. */
  pendingWaits: number;
  /** Plays the runtime delivering messages to a virtual friend. */
  deliver(friendId: string, messages: unknown[]): void;
}

/**
 * Ids counted per fake, as a fresh runtime would hand out: the same test gets the same ids
 * whatever ran before it (a remembered selection, say, then points where the test expects).
 */
function idSource(prefix: string): () => string {
  let next = 0;
  return () => id(`${prefix}-${next++}`);
}
const now = () => new Date().toISOString();
const clone = <T>(value: T): T => structuredClone(value);
const BASE = '*/api/workspaces';

/** What each catalogue route answers on create, as the runtime declares it. */
const CREATED = { tags: Api.Tag, fields: Api.Field, 'inflow-routes': Api.InflowRoute, links: Api.TrackedLink } as const;

/** The scenario routes; the returned client is the editor's real HTTP client. */
/** What fake-templates.ts builds on: the same gate, ids and catalogues as the scenario routes. */
export interface FakeApiParts {
  controls: FakeControls;
  gate: (name: string, request: Request) => Response | undefined;
  newId: () => string;
  catalogue: (ws: string) => WorkspaceCatalogue;
}

export function createFakeApi(seed: { workspaces?: Workspace[] } & Omit<AccountsSeed, 'workspaces'> = {}): ScenarioApi & FakeApiParts {
  const workspaces = [...(seed.workspaces ?? [{ id: WS1, name: 'デモ店舗', timeZone: 'Asia/Tokyo' }])].map((w) => ({ ...w, deliveryWindows: [], messageCaps: { perDay: null, perWeek: null }, createdAt: now() }));
  const newId = idSource('runtime');
  const accounts = installFakeAccounts({ ...seed, workspaces: () => workspaces });
  const controls: FakeControls = { down: false, failNext: 0, calls: [], scenarios: new Map(), catalogues: new Map(), stats: new Map(), accounts: accounts.controls };
  const outage = outages(controls);
  // Outages first (a stopped runtime answers nothing), then what the runtime checks: session, CSRF, role.
  const gate = (name: string, request: Request) => outage(name) ?? accounts.gate(name, request);

  const storedCatalogue = (ws: string): WorkspaceCatalogue => {
    let stored = controls.catalogues.get(ws);
    if (!stored) controls.catalogues.set(ws, (stored = { tags: [], tagFolders: [], fields: [], inflowRoutes: [], scenarios: [], links: [] }));
    return stored;
  };
  const catalogue = (ws: string): Api.CatalogueResponse => {
    const stored = storedCatalogue(ws);
    return {
      tags: stored.tags.map((t) => ({ id: t.id, name: t.name, folderId: null })),
      tagFolders: stored.tagFolders,
      fields: stored.fields.map((f) => ({ id: f.id, name: f.name, kind: f.kind, choices: f.choices ?? [] })),
      inflowRoutes: stored.inflowRoutes.map((r) => ({ id: r.id, name: r.name, code: r.id.slice(0, 8) })),
      scenarios: [...controls.scenarios.values()].filter((s) => s.workspaceId === ws).map((s) => ({ id: s.id, name: s.name })),
      links: stored.links.map((l) => ({ id: l.id, name: l.name, url: l.url ?? 'https://example.com/' })),
      ...(stored.segments ? { segments: stored.segments.map((x) => ({ id: x.id, name: x.name })) } : {}),
    };
  };
  const find = (ws: string, scenarioId: string): StoredScenario => {
    const s = controls.scenarios.get(scenarioId);
    if (!s || s.workspaceId !== ws) throw new Failure(404, 'scenario_not_found');
    return s;
  };
  const version = (s: StoredScenario, versionId: string) => {
    const v = s.versions.find((x) => x.id === versionId);
    if (!v) throw new Failure(404, 'version_not_found');
    return v;
  };
  const summary = (s: StoredScenario): Api.ScenarioSummary => {
    const { draft: _draft, versions: _versions, workspaceId: _ws, ...rest } = s;
    return clone(rest);
  };
  const detail = (s: StoredScenario): Api.ScenarioDetail => ({ ...summary(s), draft: clone(s.draft) });
  const create = (ws: string, input: { name: string; graph?: FlowGraph }): StoredScenario => {
    const s: StoredScenario = {
      id: newId(), workspaceId: ws, name: input.name, state: 'active', publishedVersion: null, draftRevision: 1,
      runningCount: 0, priority: 100, updatedAt: now(), draft: clone(input.graph ?? emptyGraph()), versions: [],
    };
    controls.scenarios.set(s.id, s);
    return s;
  };
  const setState = (state: StoredScenario['state']): Handler => ({ params }) => {
    const s = find(params.ws!, params.id!);
    s.state = state;
    return detail(s);
  };
  const sc = `${BASE}/:ws/scenarios/:id`;

  server.use(
    route('get', '*/api/workspaces', Type.Array(Api.Workspace), 'listWorkspaces', gate, () => clone(workspaces)),
    route('post', '*/api/workspaces', Api.Workspace, 'createWorkspace', gate, ({ body }) => {
      const w = { id: newId(), ...(body as { name: string; timeZone: string }), deliveryWindows: [], messageCaps: { perDay: null, perWeek: null }, createdAt: now() };
      workspaces.push(w);
      // As the runtime: created in the organization the person works in, and theirs as owner.
      accounts.controls.workspaceOrganization.set(w.id, accounts.controls.currentOrganizationId);
      return clone(w);
    }, 201),
    route('get', `${BASE}/:ws`, Api.Workspace, 'getWorkspace', gate, ({ params }) => {
      const w = workspaces.find((x) => x.id === params.ws);
      if (!w) throw new Failure(404, 'workspace_not_found');
      return clone(w);
    }),
    route('get', `${BASE}/:ws/catalogue`, Api.CatalogueResponse, 'getCatalogue', gate, ({ params }) => catalogue(params.ws!)),
    ...(['tags', 'fields', 'inflow-routes', 'links'] as const).map((kind) =>
      route('post', `${BASE}/:ws/${kind}`, CREATED[kind], `create:${kind}`, gate, ({ params, body }) => {
        const input = body as { name: string; kind?: Api.Field['kind']; url?: string };
        const item = { id: newId(), name: input.name };
        const stored = storedCatalogue(params.ws!);
        if (kind === 'tags') stored.tags.push(item);
        else if (kind === 'fields') stored.fields.push({ ...item, kind: input.kind ?? 'text' });
        else if (kind === 'inflow-routes') stored.inflowRoutes.push(item);
        else stored.links.push({ ...item, url: input.url ?? '' });
        const answer = catalogue(params.ws!);
        const list = { tags: answer.tags, fields: answer.fields, 'inflow-routes': answer.inflowRoutes, links: answer.links }[kind];
        return list.find((entry) => entry.id === item.id);
      }, 201)),
    route('get', `${BASE}/:ws/scenarios`, Type.Array(Api.ScenarioSummary), 'listScenarios', gate, ({ params, request }) => {
      const query = new URL(request.url).searchParams;
      return [...controls.scenarios.values()]
        .filter((s) => s.workspaceId === params.ws)
        .filter((s) => query.get('includeArchived') === 'true' || s.state !== 'archived')
        .filter((s) => !query.get('q') || s.name.includes(query.get('q')!))
        .map(summary);
    }),
    route('post', `${BASE}/:ws/scenarios`, Api.ScenarioSummary, 'createScenario', gate, ({ params, body }) =>
      summary(create(params.ws!, body as { name: string; graph?: FlowGraph })), 201),
    route('get', sc, Api.ScenarioDetail, 'getScenario', gate, ({ params }) => detail(find(params.ws!, params.id!))),
    route('put', `${sc}/draft`, Api.SaveDraftResponse, 'saveDraft', gate, ({ params, body }) => {
      const s = find(params.ws!, params.id!);
      const input = body as { graph: FlowGraph; baseRevision: number };
      if (input.baseRevision !== s.draftRevision) throw new Failure(409, 'revision_conflict');
      s.draft = clone(input.graph);
      s.draftRevision += 1;
      s.updatedAt = now();
      return { draftRevision: s.draftRevision };
    }),
    // One route for a rename and a new priority, as the runtime has; the call is named for the change.
    route('patch', sc, Api.ScenarioDetail, 'updateScenario', gate, ({ params, body }) => {
      const s = find(params.ws!, params.id!);
      const change = body as { name?: string; priority?: number };
      controls.calls.push(change.priority === undefined ? 'renameScenario' : 'setScenarioPriority');
      if (change.name !== undefined) s.name = change.name;
      if (change.priority !== undefined) s.priority = change.priority;
      return detail(s);
    }),
    route('post', `${sc}/duplicate`, Api.ScenarioDetail, 'duplicateScenario', gate, ({ params }) => {
      const s = find(params.ws!, params.id!);
      return detail(create(params.ws!, { name: `${s.name} (コピー)`, graph: s.draft }));
    }, 201),
    route('post', `${sc}/archive`, Api.ScenarioDetail, 'archiveScenario', gate, setState('archived')),
    route('post', `${sc}/pause`, Api.ScenarioDetail, 'pauseScenario', gate, setState('paused')),
    route('post', `${sc}/resume`, Api.ScenarioDetail, 'resumeScenario', gate, setState('active')),
    route('get', `${sc}/publish-preview`, Api.PublishPreview, 'publishPreview', gate, ({ params }) => {
      const s = find(params.ws!, params.id!);
      const last = s.versions.at(-1);
      return { fromVersion: last?.version ?? null, changes: diffNodes(last?.graph ?? emptyGraph(), s.draft), midRun: [], issues: [] };
    }),
    route('post', `${sc}/publish`, Api.PublishResponse, 'publish', gate, ({ params }) => {
      const s = find(params.ws!, params.id!);
      const v = { id: newId(), version: s.versions.length + 1, publishedAt: now(), graph: clone(s.draft) };
      s.versions.push(v);
      s.publishedVersion = v.version;
      accounts.record(params.ws!, 'scenario.publish', 'scenario', s.id, s.name, { version: v.version });
      return { versionId: v.id, version: v.version };
    }),
    route('get', `${sc}/versions`, Type.Array(Api.VersionSummary), 'listVersions', gate, ({ params }) =>
      find(params.ws!, params.id!).versions.map(({ graph: _g, ...v }) => clone(v)).reverse()),
    route('get', `${sc}/versions/:versionId`, Api.VersionDetail, 'getVersion', gate, ({ params }) =>
      clone(version(find(params.ws!, params.id!), params.versionId!))),
    route('post', `${sc}/versions/:versionId/restore`, Api.SaveDraftResponse, 'restoreVersion', gate, ({ params }) => {
      const s = find(params.ws!, params.id!);
      const restored = version(s, params.versionId!);
      s.draft = clone(restored.graph);
      s.draftRevision += 1;
      accounts.record(params.ws!, 'scenario.restore', 'scenario', s.id, s.name, { version: restored.version });
      return { draftRevision: s.draftRevision };
    }),
    route('get', `${sc}/stats`, Api.ScenarioStats, 'getStats', gate, ({ params }) => {
      find(params.ws!, params.id!);
      return clone(controls.stats.get(params.id!) ?? { nodes: {} });
    }),
    route('post', `${BASE}/:ws/segments/count`, Api.SegmentCountResponse, 'countSegment', gate, () => ({ count: 42 })),
    ...measureRoutes(controls, find),
    // The editor asks whether a scenario was cloned from a template; fake-templates.ts answers for clones.
    route('get', `${sc}/template-link`, Api.TemplateLink, 'templateLink', gate, () => { throw new Failure(404, 'not_a_template_clone'); }),
  );
  return Object.assign(createHttpApi(), { controls, gate, newId, catalogue: storedCatalogue });
}

/** The channel, simulator and friend routes; the returned client is the editor's real HTTP client. */
export function createFakeLineApi(): LineApi & { controls: FakeLineControls } {
  const newId = idSource('line');
  const controls: FakeLineControls = {
    down: false, calls: [], channels: [], friends: new Map(), inboxes: new Map(), pendingWaits: 0,
    deliver(friendId, messages) {
      controls.inboxes.set(friendId, [...(controls.inboxes.get(friendId) ?? []), { at: now(), messages }]);
    },
  };
  const gate = outages(controls);
  const fakeChannelId = (ws: string) => id(`fake-channel-${ws}`);
  const friend = (friendId: string) => {
    const f = controls.friends.get(friendId);
    if (!f) throw new Failure(404, 'friend_not_found');
    return f;
  };
  const record = (friendId: string, kind: Api.TimelineKind, detail: Record<string, unknown> = {}) => {
    const f = friend(friendId);
    f.timeline = [{ kind, detail, at: now() }, ...f.timeline];
  };
  const summaryOf = ({ tagIds: _t, fields: _f, runs: _r, timeline: _l, ...summary }: FriendDetail) => clone(summary);
  const act = (action: string, name: string, apply: (friendId: string, body: unknown) => void) =>
    route('post', `${BASE}/:ws/simulator/friends/:friendId/${action}`, null, name, gate, ({ params, body }) => apply(params.friendId!, body));

  server.use(
    route('get', `${BASE}/:ws/channels`, Type.Array(Api.Channel), 'listChannels', gate, ({ params }) => {
      const ws = params.ws!;
      if (!controls.channels.some((c) => c.workspaceId === ws)) {
        controls.channels.push({
          id: fakeChannelId(ws), workspaceId: ws, name: 'デモ (Fake LINE)', lineChannelId: '2000000001', isFake: true,
          channelSecretHint: '…0000', accessTokenHint: '…0000', webhookUrl: `http://localhost/webhooks/line/${fakeChannelId(ws)}`, createdAt: now(),
          login: null, loginCallbackUrl: 'http://localhost/r/callback',
        });
      }
      return clone(controls.channels.filter((c) => c.workspaceId === ws));
    }),
    route('post', `${BASE}/:ws/channels`, Api.Channel, 'createChannel', gate, ({ params, body }) => {
      const input = body as Api.CreateChannelBody;
      const channelId = newId();
      const channel: Channel = {
        id: channelId, workspaceId: params.ws!, name: input.name, lineChannelId: input.lineChannelId, isFake: false,
        channelSecretHint: `…${input.channelSecret.slice(-4)}`, accessTokenHint: `…${input.channelAccessToken.slice(-4)}`,
        webhookUrl: `http://localhost/webhooks/line/${channelId}`, createdAt: now(),
        login: null, loginCallbackUrl: 'http://localhost/r/callback',
      };
      controls.channels.push(channel);
      return clone(channel);
    }, 201),
    route('delete', `${BASE}/:ws/channels/:id`, null, 'deleteChannel', gate, ({ params }) => {
      controls.channels = controls.channels.filter((c) => c.id !== params.id);
    }),
    route('get', `${BASE}/:ws/simulator/friends`, Type.Array(Api.FriendSummary), 'listVirtualFriends', gate, ({ params }) =>
      [...controls.friends.values()].filter((f) => f.channelId === fakeChannelId(params.ws!)).reverse().map(summaryOf)),
    route('post', `${BASE}/:ws/simulator/friends`, Api.FriendSummary, 'addVirtualFriend', gate, ({ params, body }) => {
      const input = body as Api.CreateVirtualFriendBody;
      const friendId = newId();
      const detail: FriendDetail = {
        id: friendId, channelId: fakeChannelId(params.ws!), lineUserId: `U${friendId.replaceAll('-', '')}`, displayName: input.displayName,
        status: 'active', inflowRouteId: input.inflowRouteId ?? null, registeredAt: now(), lastReactionAt: null,
        tagIds: [], fields: {}, runs: [], timeline: [{ kind: 'followed', detail: {}, at: now() }],
      };
      controls.friends.set(friendId, detail);
      return summaryOf(detail);
    }, 201),
    act('message', 'sendText', (friendId, body) => record(friendId, 'message_received', { text: (body as { text: string }).text })),
    act('postback', 'sendPostback', (friendId, body) => record(friendId, 'postback_received', { data: (body as { data: string }).data })),
    act('block', 'block', (friendId) => { friend(friendId).status = 'blocked'; record(friendId, 'blocked'); }),
    act('unblock', 'unblock', (friendId) => { friend(friendId).status = 'active'; record(friendId, 'unblocked'); }),
    route('post', `${BASE}/:ws/simulator/friends/:friendId/fast-forward`, Api.FastForwardResponse, 'fastForward', gate, () => {
      const fired = controls.pendingWaits;
      controls.pendingWaits = 0;
      return { fired, simulatedNow: now(), offsetMs: 0 };
    }),
    route('get', `${BASE}/:ws/simulator/friends/:friendId/inbox`, Api.InboxResponse, 'getInbox', gate, ({ params }) => {
      friend(params.friendId!);
      return { entries: clone(controls.inboxes.get(params.friendId!) ?? []), clock: { offsetMs: 0, shifts: [] } };
    }),
    route('get', `${BASE}/:ws/friends/:friendId`, Api.FriendDetail, 'getFriend', gate, ({ params }) => clone(friend(params.friendId!))),
    route('post', `${BASE}/:ws/friends/:friendId/tags`, Api.FriendDetail, 'setFriendTags', gate, ({ params, body }) => {
      const f = friend(params.friendId!);
      const change = body as { add?: string[]; remove?: string[] };
      const removed = new Set(change.remove ?? []);
      f.tagIds = [...new Set([...f.tagIds, ...(change.add ?? [])])].filter((t) => !removed.has(t));
      return clone(f);
    }),
  );
  return Object.assign(createHttpLineApi(), { controls });
}

function diffNodes(before: FlowGraph, after: FlowGraph) {
  const old = new Map(before.nodes.map((n) => [n.id, JSON.stringify(n.data)]));
  const current = new Map(after.nodes.map((n) => [n.id, JSON.stringify(n.data)]));
  return {
    added: [...current.keys()].filter((key) => !old.has(key)),
    removed: [...old.keys()].filter((key) => !current.has(key)),
    changed: [...current.keys()].filter((key) => old.has(key) && old.get(key) !== current.get(key)),
  };
}
