import { createContext, createElement, useContext, type ReactNode } from 'react';
import type * as Api from '@lsb/shared/api';
import type { Condition } from '../flow/language.ts';
import { ApiError } from '../api/errors.ts';
import { createRequest, wsPath } from '../api/request.ts';
import { csrfHeader, reportUnauthorized } from '../api/authHooks.ts';

export type SavedSegment = Api.SavedSegment;
export type SavedSegmentWithCount = Api.SavedSegmentWithCount;
export type FriendFilter = Omit<Api.FriendFilter, 'condition'> & { condition?: Condition };
export type FriendTableRow = Api.FriendTableRow;
export type FriendJob = Api.FriendJob;
export type ImportPreview = Api.ImportPreview;

/** Saved segments, the friends table and its bulk work, typed from the runtime's shared schemas. */
export interface SegmentsApi {
  listSegments(ws: string): Promise<{ segments: SavedSegmentWithCount[] }>;
  createSegment(ws: string, input: { name: string; condition: Condition }): Promise<SavedSegment>;
  updateSegment(ws: string, id: string, input: { name: string; condition: Condition }): Promise<SavedSegment>;
  deleteSegment(ws: string, id: string): Promise<void>;
  countCondition(ws: string, condition: Condition): Promise<{ count: number }>;
  sampleCondition(ws: string, condition: Condition): Promise<{ friends: Api.FriendSummary[] }>;

  queryFriends(ws: string, filter: FriendFilter, after?: string): Promise<Api.FriendQueryResponse>;
  countFriends(ws: string, filter: FriendFilter): Promise<{ count: number }>;
  bulkTags(ws: string, filter: FriendFilter, change: { add: string[]; remove: string[] }): Promise<FriendJob>;
  enrolFilter(ws: string, scenarioId: string, filter: FriendFilter): Promise<{ enrolled: number; skipped: number }>;
  getJob(ws: string, id: string): Promise<FriendJob>;
  cancelJob(ws: string, id: string): Promise<FriendJob>;
  exportCsv(ws: string, filter: FriendFilter, lang: 'ja' | 'en'): Promise<Blob>;
  previewImport(ws: string, file: Blob): Promise<ImportPreview>;
  startImport(ws: string, file: Blob): Promise<FriendJob>;
}

export function createHttpSegmentsApi(base = '/api', fetchImpl: typeof fetch = (...args) => fetch(...args)): SegmentsApi {
  const call = createRequest(base, fetchImpl);
  const raw = async (path: string, init: RequestInit): Promise<Response> => {
    let response: Response;
    try {
      // Uploads and downloads carry the session's CSRF token like every other state change.
      const csrf = init.method && init.method !== 'GET' ? csrfHeader() : {};
      response = await fetchImpl(base + path, { ...init, headers: { ...(init.headers as Record<string, string> | undefined), ...csrf } });
    } catch (error) {
      throw new ApiError(0, 'network', error instanceof Error ? error.message : String(error));
    }
    if (!response.ok) {
      if (response.status === 401) reportUnauthorized(base + path);
      const body = (await response.json().catch(() => ({}))) as { code?: string; message?: string; details?: unknown };
      throw new ApiError(response.status, body.code ?? `http_${response.status}`, body.message ?? response.statusText, body.details);
    }
    return response;
  };
  const upload = (w: string, path: string, file: Blob) => raw(`${wsPath(w)}${path}`, { method: 'POST', headers: { 'content-type': 'text/csv' }, body: file })
    .then((r) => r.json());
  return {
    listSegments: (w) => call('GET', `${wsPath(w)}/segments`),
    createSegment: (w, input) => call('POST', `${wsPath(w)}/segments`, input),
    updateSegment: (w, id, input) => call('PUT', `${wsPath(w)}/segments/${encodeURIComponent(id)}`, input),
    deleteSegment: (w, id) => call('DELETE', `${wsPath(w)}/segments/${encodeURIComponent(id)}`),
    countCondition: (w, condition) => call('POST', `${wsPath(w)}/segments/count`, { condition }),
    sampleCondition: (w, condition) => call('POST', `${wsPath(w)}/segments/sample`, { condition }),
    queryFriends: (w, filter, after) => call('POST', `${wsPath(w)}/friends/query`, { filter, limit: 50, ...(after ? { after } : {}) }),
    countFriends: (w, filter) => call('POST', `${wsPath(w)}/friends/count`, { filter }),
    bulkTags: (w, filter, change) => call('POST', `${wsPath(w)}/friends/bulk-tags`, { filter, ...change }),
    enrolFilter: (w, scenarioId, filter) => call('POST', `${wsPath(w)}/scenarios/${encodeURIComponent(scenarioId)}/enrol`, { filter }),
    getJob: (w, id) => call('GET', `${wsPath(w)}/friend-jobs/${encodeURIComponent(id)}`),
    cancelJob: (w, id) => call('POST', `${wsPath(w)}/friend-jobs/${encodeURIComponent(id)}/cancel`),
    exportCsv: (w, filter, lang) => raw(`${wsPath(w)}/friends/export`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ filter, lang }),
    }).then((r) => r.blob()),
    previewImport: (w, file) => upload(w, '/friends/import/preview', file),
    startImport: (w, file) => upload(w, '/friends/import', file),
  };
}

// The runtime over HTTP unless a test provides a small object implementing what it calls.
const SegmentsApiContext = createContext<SegmentsApi>(createHttpSegmentsApi());

export function SegmentsApiProvider({ api, children }: { api: SegmentsApi; children: ReactNode }) {
  return createElement(SegmentsApiContext.Provider, { value: api }, children);
}

export function useSegmentsApi(): SegmentsApi {
  return useContext(SegmentsApiContext);
}
