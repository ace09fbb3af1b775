import { afterAll, beforeAll, expect, test } from 'vitest';
import { STARTER_KEYS } from '@lsb/shared';
import { createTestApp, type TestApp } from '../support/app.ts';
import { newWorkspace, ownerOrganization, workspaceApi, workspaceJson } from './support.ts';

let t: TestApp;
let org: string;
let library: string;

beforeAll(async () => {
  t = await createTestApp();
  org = await ownerOrganization(t);
  library = await newWorkspace(t, org, '代理店');
}, 120_000);
afterAll(() => t?.close());

test('the gallery lists every starter in ja and en with its picture', async () => {
  const starters = await workspaceJson(t.app, library)('GET', '/templates/starters');
  expect(starters.map((s: { key: string }) => s.key)).toEqual([...STARTER_KEYS]);
  for (const starter of starters) {
    expect(starter.name.ja).not.toBe(starter.name.en);
    expect(starter.thumbnail).toMatch(/^<svg /);
    expect(starter.nodeCount).toBeGreaterThan(3);
  }
});

test.each(STARTER_KEYS)('%s: added to the library, cloned into a fresh workspace, validates with no issue and publishes', async (key) => {
  const added = await workspaceApi(t.app, library)('POST', '/templates/starters', { starter: key, language: 'en' });
  expect(added.statusCode).toBe(201);
  expect(added.json()).toMatchObject({ source: { kind: 'starter', starter: key }, latestVersion: 1 });
  expect(added.json().name).toMatch(/^[A-Z]/);
  const client = await newWorkspace(t, org, `client-${key}`);
  const api = workspaceJson(t.app, client);
  const preview = await api('POST', `/templates/${added.json().id}/clone-preview`, {});
  expect(preview.references.length).toBeGreaterThan(0);
  const mapping = Object.fromEntries(preview.references.map((r: { key: string; suggestion: unknown }) => [r.key, r.suggestion]));
  const clone = await api('POST', `/templates/${added.json().id}/clone`, { mapping });
  expect(clone.unmapped).toEqual([]);
  expect(await api('POST', `/scenarios/${clone.scenarioId}/validate`)).toEqual({ issues: [] });
  expect(await api('POST', `/scenarios/${clone.scenarioId}/publish`)).toMatchObject({ version: 1 });
  const draft = JSON.stringify((await api('GET', `/scenarios/${clone.scenarioId}`)).draft);
  expect(draft).not.toMatch(/"(tag|field|link|route)\.[a-z-]+"|\{(field|link):(field|link)\./);
});

test('an unknown starter is refused by the schema', async () => {
  const response = await workspaceApi(t.app, library)('POST', '/templates/starters', { starter: 'nope' });
  expect(response.statusCode).toBe(400);
});
