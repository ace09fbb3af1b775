import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.ts';

// The editor's build as `npm start` serves it: its files, and its client-side routes (a deep link,
// a reload) answered with the app shell, with the browser's security headers on both. The API's and
// the webhook's unknown URLs stay JSON 404s.

let t: TestApp;
beforeAll(async () => {
  const dist = mkdtempSync(path.join(os.tmpdir(), 'lsb-editor-dist-'));
  writeFileSync(path.join(dist, 'index.html'), '<!doctype html><title>editor shell</title>');
  mkdirSync(path.join(dist, 'assets'));
  writeFileSync(path.join(dist, 'assets', 'app.js'), 'console.log("editor")');
  t = await createTestApp({ editorDist: dist, signUpOwner: false });
});
afterAll(() => t?.close());

test('a client-side route is answered with the app shell, with the CSP', async () => {
  const response = await t.anonymous('/workspaces/d2700688-995b-4bb9-960e-caf5e86efb9b/simulator');
  expect(response.statusCode).toBe(200);
  expect(response.body).toContain('editor shell');
  expect(response.headers['content-security-policy']).toContain("frame-ancestors 'none'");
});

test("the editor's files are served, with the CSP", async () => {
  const response = await t.anonymous('/assets/app.js');
  expect(response.statusCode).toBe(200);
  expect(response.body).toContain('editor');
  expect(response.headers['content-security-policy']).toContain("default-src 'self'");
});

test("unknown API and webhook URLs are JSON 404s, not the shell", async () => {
  for (const url of ['/api/nothing-here', '/webhooks/nothing-here']) {
    const response = await t.anonymous(url);
    expect(response.statusCode, url).toBe(404);
    expect(response.json(), url).toMatchObject({ code: 'not_found' });
  }
});
