import { afterAll, beforeAll, expect, test } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.ts';

// ROLE splits the runtime: `worker` processes serve only their health check, `api` ones run no workers.

let worker: TestApp;
beforeAll(async () => {
  worker = await createTestApp({ workers: true, env: { ROLE: 'worker' }, signUpOwner: false }); // a worker has no accounts API
});
afterAll(() => worker?.close());

test('ROLE=worker answers its health check and serves no API, editor or webhook routes', async () => {
  expect((await worker.app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
  expect((await worker.app.inject({ method: 'POST', url: '/api/workspaces', payload: { name: 'x' } })).statusCode).toBe(404);
  expect((await worker.app.inject({ method: 'POST', url: '/webhooks/line/00000000-0000-0000-0000-000000000000', payload: {} })).statusCode).toBe(404);
});
