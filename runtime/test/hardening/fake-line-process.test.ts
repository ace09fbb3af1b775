import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, test } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { createTestApp } from '../support/app.ts';

// Issue 10.6: the fake LINE is a development tool. As its own process its control routes need the
// secret and it posts webhooks only to the runtime it was started for; the runtime serves none of
// its control routes, and never the fake at all with NODE_ENV=production.

const runtimeDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SECRET = 'fake-line-secret-0123456789';
// Every process started, not only the last: the first test's fake is still serving when later ones start.
const children = new Set<ChildProcess>();
afterAll(() => { for (const child of children) child.kill('SIGTERM'); });

function startFakeLine(env: Record<string, string>): Promise<string> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/line/fake/main.ts'], { cwd: runtimeDir, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  let output = '';
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const url = /fake-line (http\S+)/.exec(output)?.[1];
      if (url) resolve(url);
    });
    child.stderr!.on('data', (chunk: Buffer) => { output += chunk.toString(); });
    child.once('exit', () => { children.delete(child); reject(new Error(output)); });
  });
}

test('npm run fake-line: control routes need the secret, webhooks go only to its runtime', async () => {
  const url = await startFakeLine({ FAKE_LINE_SECRET: SECRET, FAKE_LINE_RUNTIME_URL: 'http://127.0.0.1:3999' });
  const control = (route: string, init: RequestInit = {}, secret?: string) => fetch(`${url}${route}`, {
    ...init, headers: { 'content-type': 'application/json', ...(secret ? { 'x-fake-line-secret': secret } : {}) },
  });
  expect((await control('/fake-line/users')).status).toBe(401);
  expect((await control('/fake-line/users', {}, 'wrong-secret-0123456789')).status).toBe(401);
  expect((await control('/fake-line/users', {}, SECRET)).status).toBe(200);
  expect((await control('/fake-line/failures', { method: 'POST', body: JSON.stringify({ kind: 'server-error' }) })).status).toBe(401);

  const channel = (webhookUrl: string) => control('/fake-line/channels', {
    method: 'POST', body: JSON.stringify({ channelAccessToken: 'tok', channelId: 'c1', channelSecret: 's', webhookUrl }),
  }, SECRET);
  expect((await channel('http://169.254.169.254/latest/meta-data')).status).toBe(400);
  expect((await channel('http://127.0.0.1:4000/webhooks/line/x')).status).toBe(400);
  expect((await channel('http://127.0.0.1:3999/webhooks/line/x')).status).toBe(201);

  // The LINE API itself answers as LINE does, with a bearer token.
  const info = await fetch(`${url}/v2/bot/info`, { headers: { authorization: 'Bearer tok' } });
  expect(info.status).toBe(200);
}, 150_000);

test('without a secret or a runtime URL the fake LINE process does not start', async () => {
  await expect(startFakeLine({ FAKE_LINE_SECRET: '', FAKE_LINE_RUNTIME_URL: 'http://127.0.0.1:3999' })).rejects.toThrow(/FAKE_LINE_SECRET is missing/);
  await expect(startFakeLine({ FAKE_LINE_SECRET: SECRET, FAKE_LINE_RUNTIME_URL: '' })).rejects.toThrow(/FAKE_LINE_RUNTIME_URL is missing/);
}, 150_000);

test('the runtime serves no fake control route, and no fake at all when it is off', async () => {
  const dev = await createTestApp();
  try {
    expect((await dev.app.inject({ url: '/fake-line/users' })).statusCode).toBe(404);
    expect((await dev.app.inject({ method: 'POST', url: '/fake-line/failures', payload: { kind: 'server-error' } })).statusCode).toBe(404);
    // The built-in fake answers LINE's API on its own port, never on the runtime's origin.
    expect((await dev.app.inject({ url: '/v2/bot/info', headers: { authorization: 'Bearer x' } })).statusCode).toBe(404);
    expect(new URL(dev.app.fakeLineUrl()).port).not.toBe(new URL(dev.app.ownBaseUrl()).port);
    expect((await fetch(`${dev.app.fakeLineUrl()}/v2/bot/info`)).status).toBe(401); // LINE's answer without a token
    expect((await fetch(`${dev.app.fakeLineUrl()}/fake-line/users`)).status).toBe(404);
  } finally {
    await dev.close();
  }
  const off = await createTestApp({ env: { FAKE_LINE: 'off' } });
  try {
    expect((await off.app.inject({ url: '/v2/bot/info', headers: { authorization: 'Bearer x' } })).statusCode).toBe(404);
    expect(() => off.app.fakeLineUrl()).toThrow(/FAKE_LINE=off/);
  } finally {
    await off.close();
  }
});

test('NODE_ENV=production: the fake is off by default and cannot be turned on', () => {
  expect(loadConfig({ NODE_ENV: 'production' }).FAKE_LINE).toBe('off');
  expect(loadConfig({}).FAKE_LINE).toBe('builtin');
  expect(() => loadConfig({ NODE_ENV: 'production', FAKE_LINE: 'builtin' })).toThrow(/development tool/);
});
