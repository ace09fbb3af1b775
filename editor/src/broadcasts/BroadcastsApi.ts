import type * as Api from '@lsb/shared/api';
import { createRequest, wsPath } from '../api/request.ts';

export type Broadcast = Api.Broadcast;
export type BroadcastDraft = Api.BroadcastDraftBody;
export type BroadcastSummary = Api.BroadcastSummary;
export type BroadcastProgress = Api.BroadcastProgress;
export type BroadcastResults = Api.BroadcastResults;
export type BroadcastPreview = Api.BroadcastPreview;
export type BroadcastPreviewBody = Api.BroadcastPreviewBody;
export type BroadcastStatus = Api.BroadcastStatus;
export type FriendSummary = Api.FriendSummary;

/** 一斉配信: drafts, the live audience count with the quota, test-sends, sending and its results; testers. */
export interface BroadcastsApi {
  list(ws: string): Promise<{ broadcasts: BroadcastSummary[] }>;
  get(ws: string, id: string): Promise<Broadcast>;
  create(ws: string, draft: BroadcastDraft): Promise<Broadcast>;
  update(ws: string, id: string, draft: BroadcastDraft): Promise<Broadcast>;
  remove(ws: string, id: string): Promise<void>;
  preview(ws: string, body: BroadcastPreviewBody): Promise<BroadcastPreview>;
  testSend(ws: string, id: string, friendIds?: string[]): Promise<{ sentTo: string[] }>;
  start(ws: string, id: string): Promise<Broadcast>;
  control(ws: string, id: string, action: 'pause' | 'resume' | 'cancel'): Promise<BroadcastProgress>;
  progress(ws: string, id: string): Promise<BroadcastProgress>;
  results(ws: string, id: string): Promise<BroadcastResults>;
  testers(ws: string): Promise<{ testers: FriendSummary[] }>;
  setTester(ws: string, friendId: string, tester: boolean): Promise<{ friendId: string; isTester: boolean }>;
}

export function createHttpBroadcastsApi(base = '/api', fetchImpl?: typeof fetch): BroadcastsApi {
  const call = createRequest(base, fetchImpl);
  const root = (ws: string) => `${wsPath(ws)}/broadcasts`;
  const one = (ws: string, id: string) => `${root(ws)}/${encodeURIComponent(id)}`;
  return {
    list: (ws) => call('GET', root(ws)),
    get: (ws, id) => call('GET', one(ws, id)),
    create: (ws, draft) => call('POST', root(ws), draft),
    update: (ws, id, draft) => call('PUT', one(ws, id), draft),
    remove: async (ws, id) => { await call('DELETE', one(ws, id)); },
    preview: (ws, body) => call('POST', `${root(ws)}/preview`, body),
    testSend: (ws, id, friendIds) => call('POST', `${one(ws, id)}/test`, friendIds ? { friendIds } : {}),
    start: (ws, id) => call('POST', `${one(ws, id)}/start`),
    control: (ws, id, action) => call('POST', `${one(ws, id)}/${action}`),
    progress: (ws, id) => call('GET', `${one(ws, id)}/progress`),
    results: (ws, id) => call('GET', `${one(ws, id)}/results`),
    testers: (ws) => call('GET', `${wsPath(ws)}/testers`),
    setTester: (ws, friendId, tester) => call('PUT', `${wsPath(ws)}/friends/${encodeURIComponent(friendId)}/tester`, { tester }),
  };
}

// One client for the app; tests answer its requests with MSW handlers (test/support/fake-broadcasts.ts).
const httpBroadcastsApi = createHttpBroadcastsApi();

export function useBroadcastsApi(): BroadcastsApi {
  return httpBroadcastsApi;
}
