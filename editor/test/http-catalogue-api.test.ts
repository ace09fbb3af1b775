import { describe, expect, it } from 'vitest';
import { createHttpCatalogueApi } from '../src/api/CatalogueApi.ts';
import { isApiError } from '../src/api/errors.ts';

describe('HTTP client for the catalogue pages and friend data', () => {
  it('calls the runtime’s paths with JSON bodies; force only when asked', async () => {
    const calls: [string, string, BodyInit | null | undefined][] = [];
    const api = createHttpCatalogueApi('/api', async (url, init) => {
      calls.push([init?.method ?? 'GET', String(url), init?.body]);
      return init?.method === 'DELETE' ? new Response(null, { status: 204 }) : new Response(JSON.stringify({}));
    });
    await api.usage('w', 'fields', 'f1');
    await api.updateTag('w', 't1', { folderId: null });
    await api.mergeTag('w', 't1', 't2');
    await api.deleteTag('w', 't1', false);
    await api.deleteField('w', 'f1', true);
    await api.renameFolder('w', 'd1', '顧客');
    await api.updateLink('w', 'l1', { url: 'https://example.com' });
    await api.listFriends('w', { q: '花子', offset: 100 });
    await api.setFriendFields('w', 'fr 1', { f1: '2026-12-10', f2: 350000, f3: null });
    expect(calls).toEqual([
      ['GET', '/api/workspaces/w/fields/f1/usage', undefined],
      ['PATCH', '/api/workspaces/w/tags/t1', '{"folderId":null}'],
      ['POST', '/api/workspaces/w/tags/t1/merge', '{"intoTagId":"t2"}'],
      ['DELETE', '/api/workspaces/w/tags/t1', undefined],
      ['DELETE', '/api/workspaces/w/fields/f1?force=true', undefined],
      ['PATCH', '/api/workspaces/w/tag-folders/d1', '{"name":"顧客"}'],
      ['PATCH', '/api/workspaces/w/links/l1', '{"url":"https://example.com"}'],
      ['GET', `/api/workspaces/w/friends?q=${encodeURIComponent('花子')}&offset=100`, undefined],
      ['PUT', '/api/workspaces/w/friends/fr%201/fields', '{"values":{"f1":"2026-12-10","f2":350000,"f3":null}}'],
    ]);
  });

  it('a refused value arrives as an ApiError with the per-field problems', async () => {
    const api = createHttpCatalogueApi('/api', async () => new Response(
      JSON.stringify({ code: 'invalid_field_value', message: 'Some values do not fit their field.', details: { fields: { f2: 'notNumber' } } }),
      { status: 400 },
    ));
    const error = await api.setFriendFields('w', 'fr', { f2: 'x' }).catch((e: unknown) => e);
    expect(isApiError(error) && [error.status, error.code, error.details]).toEqual([400, 'invalid_field_value', { fields: { f2: 'notNumber' } }]);
  });
});
