import { afterAll, beforeAll, expect, test } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

test('OpenAPI documents every route with its schemas, and /docs serves the explorer', async () => {
  const spec = (await t.app.inject({ method: 'GET', url: '/docs/json' })).json();
  expect(spec.openapi).toMatch(/^3\./);
  for (const path of ['/api/health', '/api/workspaces', '/api/workspaces/{workspaceId}/scenarios/{id}/publish', '/webhooks/line/{channelId}']) {
    expect(Object.keys(spec.paths)).toContain(path);
  }
  expect(spec.paths['/api/workspaces'].post.requestBody.content['application/json'].schema.required).toContain('name');
  const page = await t.app.inject({ method: 'GET', url: '/docs' });
  expect(page.statusCode).toBeLessThan(400);
});

test('health reports the database and the queue', async () => {
  const response = await t.app.inject({ method: 'GET', url: '/api/health' });
  expect(response.json()).toEqual({ status: 'ok', database: 'up', queue: 'up' });
});
