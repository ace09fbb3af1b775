import { Type } from 'typebox';
import * as Api from '@lsb/shared/api';
import { createHttpBroadcastsApi, type BroadcastsApi } from '../../src/broadcasts/BroadcastsApi.ts';
import { id } from './ids.ts';
import { Failure, outages, route } from './fake-route.ts';
import { server } from './server.ts';

// The runtime's broadcast routes (shared/src/api/broadcasts.ts) as MSW handlers over in-memory
// state; the editor talks to them through its real HTTP client, and every answer is checked
// against the route's shared schema. Tests set the preview, the testers, a refusal, and move
// progress by hand.

export interface FakeBroadcastControls {
  down: boolean;
  calls: string[];
  /** The bodies of each call, by name, in order. */
  bodies: Record<string, unknown[]>;
  broadcasts: Map<string, Api.Broadcast>;
  progress: Map<string, Api.BroadcastProgress>;
  results: Map<string, Api.BroadcastResults>;
  testers: Api.FriendSummary[];
  /** What the live count answers for a body. */
  preview: (body: Api.BroadcastPreviewBody) => Api.BroadcastPreview;
  /** Refuse the next call of this name with the runtime's status, code and details. */
  refuse: Map<string, Failure>;
}

const now = () => new Date().toISOString();

/**
 * The contract's `Broadcast` intersects the draft body, which forbids other properties, with the
 * stored fields, so no value can pass a strict check of it (`id` is refused by the first half).
 * Answers are checked against the same two halves joined into one object instead.
 */
const [draftHalf, storedHalf] = Api.Broadcast.allOf;
const BroadcastAnswer = Type.Object({ ...draftHalf.properties, ...storedHalf.properties });

export function friend(name: string, over: Partial<Api.FriendSummary> = {}): Api.FriendSummary {
  return {
    id: id(`friend-${name}`), channelId: id('channel'), lineUserId: `U${name}`, displayName: name, status: 'active',
    inflowRouteId: null, registeredAt: '2026-03-01T00:00:00.000Z', lastReactionAt: null, ...over,
  };
}

export function occurrenceProgress(broadcastId: string, status: Api.BroadcastStatus, o: { recipients: number; sent: number; failed?: number; blocked?: number }): Api.BroadcastProgress {
  const failed = o.failed ?? 0;
  const blocked = o.blocked ?? 0;
  return {
    broadcastId, status, held: false, heldUntil: null,
    occurrence: {
      id: id(`occ-${broadcastId}`), key: 'once', startedAt: '2026-04-01T01:00:00.000Z', finishedAt: status === 'done' ? '2026-04-01T01:05:00.000Z' : null,
      recipients: o.recipients, sent: o.sent, failed, skipped: { blocked, waiting_for_reply: 0, over_cap: 0 },
      remaining: status === 'done' ? 0 : o.recipients - o.sent - failed - blocked,
    },
  };
}

export function installFakeBroadcasts(): BroadcastsApi & { controls: FakeBroadcastControls } {
  let next = 0;
  const controls: FakeBroadcastControls = {
    down: false, calls: [], bodies: {}, broadcasts: new Map(), progress: new Map(), results: new Map(), testers: [], refuse: new Map(),
    preview: () => ({ audience: 42, skipped: { waiting_for_reply: 0, over_cap: 0 }, recipients: 42, quotaNeeded: 42, quota: { limit: 1000, used: 100, remaining: 900 }, withinQuota: true }),
  };
  const outage = outages(controls);
  const gate = (name: string) => {
    const stop = outage(name);
    if (stop) return stop;
    const refusal = controls.refuse.get(name);
    if (refusal) {
      controls.refuse.delete(name);
      return Response.json({ code: refusal.code, message: refusal.code, ...(refusal.details === undefined ? {} : { details: refusal.details }) }, { status: refusal.status });
    }
    return undefined;
  };
  const record = (name: string, body: unknown) => (controls.bodies[name] ??= []).push(structuredClone(body));
  const find = (bid: string) => {
    const b = controls.broadcasts.get(bid);
    if (!b) throw new Failure(404, 'broadcast_not_found');
    return b;
  };
  const progressOf = (b: Api.Broadcast): Api.BroadcastProgress =>
    controls.progress.get(b.id) ?? { broadcastId: b.id, status: b.status, held: false, heldUntil: null, occurrence: null };
  const setStatus = (b: Api.Broadcast, status: Api.BroadcastStatus) => {
    b.status = status;
    const p = controls.progress.get(b.id);
    if (p) p.status = status;
    return progressOf(b);
  };
  const base = '*/api/workspaces/:ws';
  const one = `${base}/broadcasts/:id`;
  server.use(
    route('get', `${base}/broadcasts`, Api.BroadcastList, 'list', gate, () => ({
      broadcasts: [...controls.broadcasts.values()].map((b) => {
        const o = controls.progress.get(b.id)?.occurrence;
        return { id: b.id, name: b.name, status: b.status, schedule: b.schedule, nextAt: b.nextAt, updatedAt: b.updatedAt, lastOccurrence: o ? { startedAt: o.startedAt, recipients: o.recipients, sent: o.sent } : null };
      }),
    })),
    route('post', `${base}/broadcasts/preview`, Api.BroadcastPreview, 'preview', gate, ({ body }) => {
      record('preview', body);
      return controls.preview(body as Api.BroadcastPreviewBody);
    }),
    route('post', `${base}/broadcasts`, BroadcastAnswer, 'create', gate, ({ body }) => {
      record('create', body);
      const b: Api.Broadcast = { ...(body as Api.BroadcastDraftBody), id: id(`broadcast-${next++}`), status: 'draft', nextAt: null, personalised: false, createdAt: now(), updatedAt: now() };
      controls.broadcasts.set(b.id, b);
      return structuredClone(b);
    }, 201),
    route('get', one, BroadcastAnswer, 'get', gate, ({ params }) => structuredClone(find(params.id!))),
    route('put', one, BroadcastAnswer, 'update', gate, ({ params, body }) => {
      record('update', body);
      const b = find(params.id!);
      if (b.status !== 'draft' && b.status !== 'scheduled') throw new Failure(409, 'broadcast_state', { status: b.status });
      Object.assign(b, body as Api.BroadcastDraftBody, { status: 'draft', nextAt: null, updatedAt: now() });
      return structuredClone(b);
    }),
    route('delete', one, null, 'remove', gate, ({ params }) => { controls.broadcasts.delete(find(params.id!).id); }),
    route('post', `${one}/test`, Api.BroadcastTestResult, 'test', gate, ({ params }) => {
      find(params.id!);
      if (controls.testers.length === 0) throw new Failure(422, 'no_testers');
      return { sentTo: controls.testers.map((f) => f.id) };
    }),
    route('post', `${one}/start`, BroadcastAnswer, 'start', gate, ({ params }) => {
      const b = find(params.id!);
      b.status = b.schedule.kind === 'now' ? 'running' : 'scheduled';
      b.nextAt = b.schedule.kind === 'now' ? null : '2026-12-01T01:00:00.000Z';
      return structuredClone(b);
    }),
    ...(['pause', 'resume', 'cancel'] as const).map((action) =>
      route('post', `${one}/${action}`, Api.BroadcastProgress, action, gate, ({ params }) =>
        setStatus(find(params.id!), action === 'pause' ? 'paused' : action === 'resume' ? 'running' : 'cancelled'))),
    route('get', `${one}/progress`, Api.BroadcastProgress, 'progress', gate, ({ params }) => structuredClone(progressOf(find(params.id!)))),
    route('get', `${one}/results`, Api.BroadcastResults, 'results', gate, ({ params }) =>
      structuredClone(controls.results.get(params.id!) ?? { broadcastId: find(params.id!).id, occurrences: [] })),
    route('get', `${base}/testers`, Api.TesterList, 'testers', gate, () => ({ testers: structuredClone(controls.testers) })),
    route('put', `${base}/friends/:friendId/tester`, Api.TesterState, 'setTester', gate, ({ params, body }) => {
      record('setTester', body);
      return { friendId: params.friendId!, isTester: (body as { tester: boolean }).tester };
    }),
  );
  return Object.assign(createHttpBroadcastsApi(), { controls });
}
