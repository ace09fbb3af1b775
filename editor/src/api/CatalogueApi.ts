import type * as Api from '@lsb/shared/api';
import type { FieldKind } from '../flow/language.ts';
import { createRequest, wsPath } from './request.ts';
import type { WorkspaceCatalogue } from './types.ts';

export type CatalogueUsage = Api.CatalogueUsage;
export type FriendDetail = Api.FriendDetail;
export type FriendSummary = Api.FriendSummary;
export type Tag = Api.Tag;
export type Field = Api.Field;
export type TrackedLink = Api.TrackedLink;
export type UsageKind = 'tags' | 'fields' | 'links';

/**
 * The catalogue pages (tags in folders, fields, links) and friend data (friends page, friend
 * detail, the simulator's friend panel). Every method rejects with an ApiError.
 */
export interface CatalogueApi {
  getCatalogue(ws: string): Promise<WorkspaceCatalogue>;
  usage(ws: string, kind: UsageKind, id: string): Promise<CatalogueUsage>;

  createTag(ws: string, input: { name: string; folderId?: string | null }): Promise<Tag>;
  updateTag(ws: string, id: string, input: { name?: string; folderId?: string | null }): Promise<Tag>;
  mergeTag(ws: string, id: string, intoTagId: string): Promise<Tag>;
  deleteTag(ws: string, id: string, force: boolean): Promise<void>;
  createFolder(ws: string, name: string): Promise<{ id: string; name: string }>;
  renameFolder(ws: string, id: string, name: string): Promise<{ id: string; name: string }>;
  deleteFolder(ws: string, id: string): Promise<void>;

  createField(ws: string, input: { name: string; kind: FieldKind; choices?: string[] }): Promise<Field>;
  /** A new kind is refused (409 `field_has_values`) while friends hold values. */
  updateField(ws: string, id: string, input: { name?: string; choices?: string[]; kind?: FieldKind }): Promise<Field>;
  deleteField(ws: string, id: string, force: boolean): Promise<void>;

  createLink(ws: string, input: { name: string; url: string }): Promise<TrackedLink>;
  updateLink(ws: string, id: string, input: { name?: string; url?: string }): Promise<TrackedLink>;
  deleteLink(ws: string, id: string, force: boolean): Promise<void>;

  listFriends(ws: string, query?: { q?: string; limit?: number; offset?: number }): Promise<{ friends: FriendSummary[]; total: number }>;
  getFriend(ws: string, id: string): Promise<FriendDetail>;
  setFriendTags(ws: string, id: string, change: { add?: string[]; remove?: string[] }): Promise<FriendDetail>;
  /** `null` clears a value; a value of the wrong kind refuses the whole change (`invalid_field_value`). */
  setFriendFields(ws: string, id: string, values: Record<string, string | number | null>): Promise<FriendDetail>;
}

export function createHttpCatalogueApi(base = '/api', fetchImpl: typeof fetch = (...args) => fetch(...args)): CatalogueApi {
  const call = createRequest(base, fetchImpl);
  const item = (w: string, kind: string, id: string) => `${wsPath(w)}/${kind}/${encodeURIComponent(id)}`;
  const force = (yes: boolean) => (yes ? '?force=true' : '');
  return {
    getCatalogue: (w) => call('GET', `${wsPath(w)}/catalogue`),
    usage: (w, kind, id) => call('GET', `${item(w, kind, id)}/usage`),
    createTag: (w, input) => call('POST', `${wsPath(w)}/tags`, input),
    updateTag: (w, id, input) => call('PATCH', item(w, 'tags', id), input),
    mergeTag: (w, id, intoTagId) => call('POST', `${item(w, 'tags', id)}/merge`, { intoTagId }),
    deleteTag: (w, id, yes) => call('DELETE', `${item(w, 'tags', id)}${force(yes)}`),
    createFolder: (w, name) => call('POST', `${wsPath(w)}/tag-folders`, { name }),
    renameFolder: (w, id, name) => call('PATCH', item(w, 'tag-folders', id), { name }),
    deleteFolder: (w, id) => call('DELETE', item(w, 'tag-folders', id)),
    createField: (w, input) => call('POST', `${wsPath(w)}/fields`, input),
    updateField: (w, id, input) => call('PATCH', item(w, 'fields', id), input),
    deleteField: (w, id, yes) => call('DELETE', `${item(w, 'fields', id)}${force(yes)}`),
    createLink: (w, input) => call('POST', `${wsPath(w)}/links`, input),
    updateLink: (w, id, input) => call('PATCH', item(w, 'links', id), input),
    deleteLink: (w, id, yes) => call('DELETE', `${item(w, 'links', id)}${force(yes)}`),
    listFriends: (w, query = {}) => {
      const params = new URLSearchParams();
      if (query.q) params.set('q', query.q);
      if (query.limit !== undefined) params.set('limit', String(query.limit));
      if (query.offset !== undefined) params.set('offset', String(query.offset));
      const qs = params.toString();
      return call('GET', `${wsPath(w)}/friends${qs ? `?${qs}` : ''}`);
    },
    getFriend: (w, id) => call('GET', item(w, 'friends', id)),
    setFriendTags: (w, id, change) => call('POST', `${item(w, 'friends', id)}/tags`, change),
    setFriendFields: (w, id, values) => call('PUT', `${item(w, 'friends', id)}/fields`, { values }),
  };
}
