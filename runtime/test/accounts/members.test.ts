import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTranslator, welcomeSeriesScenario } from '@lsb/shared';
import { createTestApp, type TestApp } from '../support/app.ts';
import { addMember, invitationTokenFor, logIn, TEST_PASSWORD, type TestUser } from '../support/auth.ts';

let t: TestApp;
let orgId: string;
let ws: string;
let other: string;
beforeAll(async () => {
  t = await createTestApp();
  orgId = (await t.app.inject('/api/auth/me')).json().organizations[0].id;
  ws = (await t.app.inject({ method: 'POST', url: '/api/workspaces', payload: { name: 'Client A' } })).json().id;
  other = (await t.app.inject({ method: 'POST', url: '/api/workspaces', payload: { name: 'Client B' } })).json().id;
});
afterAll(() => t?.close());

const membersOf = async (who: TestUser, workspaceId = ws) => (await who.inject(`/api/workspaces/${workspaceId}/members`)).json() as Array<{ userId: string; role: string; inherited: boolean }>;

describe('invitations', () => {
  test('invite by email with a role; the link creates the account and joins; reuse, expiry and revocation are refused', async () => {
    const invited = await t.app.inject({ method: 'POST', url: `/api/workspaces/${ws}/invitations`, payload: { email: 'Editor@Example.test', role: 'editor' } });
    expect(invited.statusCode).toBe(201);
    expect(invited.json()).toMatchObject({ email: 'editor@example.test', role: 'editor', status: 'pending' });
    expect((await t.app.inject(`/api/workspaces/${ws}/invitations`)).json()).toHaveLength(1);
    const token = await invitationTokenFor(t.owner, 'editor@example.test');

    const preview = await t.anonymous(`/api/invitations/${encodeURIComponent(token)}`);
    expect(preview.json()).toMatchObject({ email: 'editor@example.test', role: 'editor', workspaceName: 'Client A', accountExists: false, invitedByName: 'Owner' });
    const weak = await t.anonymous({ method: 'POST', url: '/api/invitations/accept', payload: { token, name: 'Ed', password: 'short' } });
    expect(weak.json().code).toBe('weak_password');
    const accepted = await t.anonymous({ method: 'POST', url: '/api/invitations/accept', payload: { token, name: 'Ed', password: TEST_PASSWORD } });
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json().me.workspaces).toEqual([expect.objectContaining({ id: ws, role: 'editor' })]);
    expect(accepted.json().me.current.workspaceId).toBe(ws);

    const reused = await t.anonymous({ method: 'POST', url: '/api/invitations/accept', payload: { token, name: 'Ed', password: TEST_PASSWORD } });
    expect([reused.statusCode, reused.json().code]).toEqual([400, 'token_used']);
    expect((await t.anonymous(`/api/invitations/${encodeURIComponent(token)}`)).json().code).toBe('token_used');
    expect((await t.anonymous('/api/invitations/not-a-token')).json().code).toBe('token_invalid');

    await t.app.inject({ method: 'POST', url: `/api/workspaces/${ws}/invitations`, payload: { email: 'late@example.test', role: 'viewer' } });
    const late = await invitationTokenFor(t.owner, 'late@example.test');
    await t.clock.setTime(t.clock.now() + 7 * 24 * 3600 * 1000 + 1);
    expect((await t.anonymous({ method: 'POST', url: '/api/invitations/accept', payload: { token: late, name: 'L', password: TEST_PASSWORD } })).json().code).toBe('token_expired');

    const revocable = (await t.app.inject({ method: 'POST', url: `/api/workspaces/${ws}/invitations`, payload: { email: 'gone@example.test', role: 'viewer' } })).json();
    const gone = await invitationTokenFor(t.owner, 'gone@example.test');
    expect((await t.app.inject({ method: 'DELETE', url: `/api/workspaces/${ws}/invitations/${revocable.id}` })).statusCode).toBe(204);
    expect((await t.anonymous({ method: 'POST', url: '/api/invitations/accept', payload: { token: gone, name: 'G', password: TEST_PASSWORD } })).json().code).toBe('token_used');
    expect((await t.database.pool.query("select count(*)::int as n from users where email in ('late@example.test', 'gone@example.test')")).rows[0].n).toBe(0);

    const again = await t.app.inject({ method: 'POST', url: `/api/workspaces/${ws}/invitations`, payload: { email: 'editor@example.test', role: 'viewer' } });
    expect([again.statusCode, again.json().code]).toEqual([409, 'already_member']);
  });

  test('someone with an account logs in first, and only as the invited email', async () => {
    const existing = await addMember(t.anonymous, t.owner, t.owner, other, 'viewer', 'both@example.test');
    await t.app.inject({ method: 'POST', url: `/api/workspaces/${ws}/invitations`, payload: { email: 'both@example.test', role: 'admin' } });
    const token = await invitationTokenFor(t.owner, 'both@example.test');
    expect((await t.anonymous(`/api/invitations/${encodeURIComponent(token)}`)).json().accountExists).toBe(true);
    const anonymous = await t.anonymous({ method: 'POST', url: '/api/invitations/accept', payload: { token } });
    expect([anonymous.statusCode, anonymous.json().code]).toEqual([401, 'login_required']);
    const wrongPerson = await t.anonymous({ method: 'POST', url: '/api/invitations/accept', payload: { token }, headers: { cookie: t.owner.cookie } });
    expect([wrongPerson.statusCode, wrongPerson.json().code]).toEqual([403, 'invitation_email_mismatch']);
    const joined = await existing.inject({ method: 'POST', url: '/api/invitations/accept', payload: { token } });
    expect(joined.statusCode).toBe(200);
    const roles = Object.fromEntries(joined.json().me.workspaces.map((w: { id: string; role: string }) => [w.id, w.role]));
    expect(roles).toEqual({ [ws]: 'admin', [other]: 'viewer' });
  });
});

describe('roles', () => {
  test('viewer reads only; editor draws and publishes but cannot manage members or channels; admin manages members', async () => {
    const viewer = await addMember(t.anonymous, t.owner, t.owner, ws, 'viewer');
    const editor = await addMember(t.anonymous, t.owner, t.owner, ws, 'editor');
    const admin = await addMember(t.anonymous, t.owner, t.owner, ws, 'admin');
    expect((await viewer.inject(`/api/workspaces/${ws}/scenarios`)).statusCode).toBe(200);
    const denied = await viewer.inject({ method: 'POST', url: `/api/workspaces/${ws}/scenarios`, payload: { name: 'x' } });
    expect([denied.statusCode, denied.json()]).toEqual([403, expect.objectContaining({ code: 'forbidden', details: { required: 'editor' } })]);
    expect((await viewer.inject({ method: 'POST', url: `/api/workspaces/${ws}/segments/count`, payload: { condition: { and: [] } } })).statusCode).not.toBe(403);

    expect((await editor.inject({ method: 'POST', url: `/api/workspaces/${ws}/scenarios`, payload: { name: 'by editor' } })).statusCode).toBe(201);
    expect((await editor.inject({ method: 'POST', url: `/api/workspaces/${ws}/invitations`, payload: { email: 'x@example.test', role: 'viewer' } })).statusCode).toBe(403);
    expect((await editor.inject({ method: 'PATCH', url: `/api/workspaces/${ws}`, payload: { name: 'renamed' } })).statusCode).toBe(403);
    const [channel] = (await editor.inject(`/api/workspaces/${ws}/channels`)).json();
    expect((await editor.inject({ method: 'DELETE', url: `/api/workspaces/${ws}/channels/${channel.id}` })).statusCode).toBe(403);

    expect((await admin.inject({ method: 'PATCH', url: `/api/workspaces/${ws}/members/${viewer.id}`, payload: { role: 'editor' } })).json().role).toBe('editor');
    const makeOwner = await admin.inject({ method: 'PATCH', url: `/api/workspaces/${ws}/members/${viewer.id}`, payload: { role: 'owner' } });
    expect([makeOwner.statusCode, makeOwner.json().code]).toEqual([403, 'forbidden']);
    expect((await admin.inject({ method: 'DELETE', url: `/api/workspaces/${ws}/members/${viewer.id}` })).statusCode).toBe(204);
    expect((await viewer.inject(`/api/workspaces/${ws}/scenarios`)).statusCode).toBe(404); // removed: the workspace is gone for them
    expect((await membersOf(admin)).some((m) => m.userId === viewer.id)).toBe(false);
  });

  test('the last owner cannot be removed or demoted; with a second owner they can', async () => {
    const soloWs = (await t.app.inject({ method: 'POST', url: '/api/workspaces', payload: { name: 'Solo' } })).json().id;
    const owner2 = await addMember(t.anonymous, t.owner, t.owner, soloWs, 'owner');
    // The creator leaves as a workspace owner; as the organization's owner they stay, by inheritance, and are not changed from here.
    expect((await owner2.inject({ method: 'DELETE', url: `/api/workspaces/${soloWs}/members/${t.owner.id}` })).statusCode).toBe(204);
    const inherited = (await membersOf(owner2, soloWs)).find((m) => m.userId === t.owner.id)!;
    expect(inherited).toMatchObject({ role: 'owner', inherited: true });
    expect((await owner2.inject({ method: 'DELETE', url: `/api/workspaces/${soloWs}/members/${t.owner.id}` })).json().code).toBe('inherited_role');

    const demote = await owner2.inject({ method: 'PATCH', url: `/api/workspaces/${soloWs}/members/${owner2.id}`, payload: { role: 'admin' } });
    expect([demote.statusCode, demote.json().code]).toEqual([409, 'last_owner']);
    const remove = await owner2.inject({ method: 'DELETE', url: `/api/workspaces/${soloWs}/members/${owner2.id}` });
    expect([remove.statusCode, remove.json().code]).toEqual([409, 'last_owner']);
    const owner3 = await addMember(t.anonymous, owner2, t.owner, soloWs, 'owner');
    expect((await owner2.inject({ method: 'PATCH', url: `/api/workspaces/${soloWs}/members/${owner3.id}`, payload: { role: 'editor' } })).statusCode).toBe(200);
    expect((await owner3.inject(`/api/workspaces/${soloWs}/members`)).json().find((m: { userId: string }) => m.userId === owner3.id).role).toBe('editor');
  });

  test('an organization admin sees every workspace of it; a person switches between organizations and workspaces', async () => {
    const person = await addMember(t.anonymous, t.owner, t.owner, ws, 'viewer');
    expect((await person.inject('/api/workspaces')).json().map((w: { id: string }) => w.id)).toEqual([ws]);
    expect((await person.inject(`/api/workspaces/${other}`)).statusCode).toBe(404);
    const promoted = await t.app.inject({ method: 'PATCH', url: `/api/organizations/${orgId}/members/${person.id}`, payload: { role: 'admin' } });
    expect(promoted.json().role).toBe('admin');
    const me = (await person.inject('/api/auth/me')).json();
    expect(Object.fromEntries(me.workspaces.map((w: { id: string; role: string }) => [w.id, w.role]))).toMatchObject({ [ws]: 'admin', [other]: 'admin' });
    const own = (await person.inject({ method: 'POST', url: '/api/organizations', payload: { name: 'My own shop' } })).json();
    const switched = (await person.inject({ method: 'POST', url: '/api/auth/switch', payload: { organizationId: own.id } })).json();
    expect(switched.current).toEqual({ organizationId: own.id, workspaceId: null });
    const made = (await person.inject({ method: 'POST', url: '/api/workspaces', payload: { name: 'Own workspace' } })).json();
    expect((await person.inject('/api/auth/me')).json().workspaces.find((w: { id: string }) => w.id === made.id)).toMatchObject({ organizationId: own.id, role: 'owner' });
    expect((await t.app.inject(`/api/workspaces/${made.id}`)).statusCode).toBe(404); // another organization's
    const lastOrgOwner = await t.app.inject({ method: 'PATCH', url: `/api/organizations/${orgId}/members/${t.owner.id}`, payload: { role: 'admin' } });
    expect(lastOrgOwner.json().code).toBe('last_owner');
    const notMine = await person.inject({ method: 'POST', url: '/api/auth/switch', payload: { workspaceId: '00000000-0000-4000-8000-000000000000' } });
    expect(notMine.statusCode).toBe(404);
  });
});

describe('API tokens', () => {
  test('shown once, stored hashed, scoped to one workspace and a role, last use shown, revocable', async () => {
    const created = await t.app.inject({ method: 'POST', url: `/api/workspaces/${ws}/tokens`, payload: { name: 'conversion feed', role: 'viewer' } });
    expect(created.statusCode).toBe(201);
    const { token, secret } = created.json();
    expect(secret).toMatch(/^lsb_/);
    expect(token).toMatchObject({ name: 'conversion feed', role: 'viewer', lastUsedAt: null, revokedAt: null });
    expect(JSON.stringify((await t.app.inject(`/api/workspaces/${ws}/tokens`)).json())).not.toContain(secret);
    expect((await t.database.pool.query('select count(*)::int as n from api_tokens where token_hash = $1', [secret])).rows[0].n).toBe(0);

    const bearer = { authorization: `Bearer ${secret}` };
    expect((await t.anonymous({ url: `/api/workspaces/${ws}/scenarios`, headers: bearer })).statusCode).toBe(200);
    expect((await t.anonymous({ url: '/api/workspaces', headers: bearer })).json().map((w: { id: string }) => w.id)).toEqual([ws]);
    expect((await t.anonymous({ url: `/api/workspaces/${other}/scenarios`, headers: bearer })).statusCode).toBe(404);
    expect((await t.anonymous({ method: 'POST', url: `/api/workspaces/${ws}/scenarios`, headers: bearer, payload: { name: 'x' } })).statusCode).toBe(403);
    expect((await t.anonymous({ url: `/api/workspaces/${ws}/members`, headers: bearer })).json().code).toBe('session_required');
    expect((await t.anonymous({ url: '/api/auth/me', headers: bearer })).json().code).toBe('session_required');
    expect((await t.app.inject(`/api/workspaces/${ws}/tokens`)).json().find((x: { id: string }) => x.id === token.id).lastUsedAt).not.toBeNull();

    const editorToken = (await t.app.inject({ method: 'POST', url: `/api/workspaces/${ws}/tokens`, payload: { name: 'csv import', role: 'editor' } })).json();
    const scripted = await t.anonymous({ method: 'POST', url: `/api/workspaces/${ws}/scenarios`, headers: { authorization: `Bearer ${editorToken.secret}` }, payload: { name: 'by script' } });
    expect(scripted.statusCode).toBe(201); // no cookie, so no CSRF token needed

    expect((await t.app.inject({ method: 'DELETE', url: `/api/workspaces/${ws}/tokens/${token.id}` })).statusCode).toBe(204);
    expect((await t.anonymous({ url: `/api/workspaces/${ws}/scenarios`, headers: bearer })).json().code).toBe('unauthenticated');
    expect((await t.anonymous({ url: `/api/workspaces/${ws}/scenarios`, headers: { authorization: 'Bearer lsb_forged' } })).statusCode).toBe(401);
  });
});

describe('audit log', () => {
  test('who did what and when, filterable, and per scenario', async () => {
    const editor = await logIn(t.anonymous, 'editor@example.test');
    const scenario = (await editor.inject({ method: 'POST', url: `/api/workspaces/${ws}/scenarios`, payload: { name: '監査' } })).json();
    const base = `/api/workspaces/${ws}/scenarios/${scenario.id}`;
    expect((await editor.inject({ method: 'POST', url: `${base}/publish` })).statusCode).toBe(422); // an empty draft: refused, not logged
    const tag = async (name: string) => (await editor.inject({ method: 'POST', url: `/api/workspaces/${ws}/tags`, payload: { name } })).json().id as string;
    const graph = welcomeSeriesScenario({ t: createTranslator('ja'), purchasedTagId: await tag('監査購入'), doneTagId: await tag('監査完了') });
    expect((await editor.inject({ method: 'PUT', url: `${base}/draft`, payload: { graph, baseRevision: 1 } })).statusCode).toBe(200);
    expect((await editor.inject({ method: 'POST', url: `${base}/publish` })).statusCode).toBe(200);
    await editor.inject({ method: 'POST', url: `${base}/pause` });
    await t.app.inject({ method: 'POST', url: `${base}/resume` });
    const [version] = (await editor.inject(`${base}/versions`)).json();
    await editor.inject({ method: 'POST', url: `${base}/versions/${version.id}/restore` });
    await editor.inject({ method: 'POST', url: `${base}/duplicate` });
    await editor.inject({ method: 'POST', url: `${base}/archive` });

    const page = (query = '') => t.app.inject(`/api/workspaces/${ws}/audit${query}`).then((r) => r.json());
    const forScenario = await page(`?targetId=${scenario.id}`);
    expect(forScenario.entries.map((e: { action: string }) => e.action)).toEqual(['scenario.archive', 'scenario.restore', 'scenario.resume', 'scenario.pause', 'scenario.publish']);
    expect(forScenario.entries[4]).toMatchObject({ actor: { kind: 'user', label: 'Ed <editor@example.test>' }, targetLabel: '監査', details: { version: 1 } });
    expect(forScenario.entries[2].actor.label).toContain('owner@example.test');
    const byOwner = await page(`?actorId=${t.owner.id}&action=scenario.resume`);
    expect(byOwner.entries).toHaveLength(1);
    expect((await page('?action=member.role_change')).entries.length).toBeGreaterThan(0);
    expect((await page('?action=token.create')).entries.map((e: { targetLabel: string }) => e.targetLabel)).toContain('conversion feed');
    expect((await page('?action=member.join')).entries.length).toBeGreaterThan(0);

    const first = await page('?limit=2');
    expect(first.entries).toHaveLength(2);
    const second = await page(`?limit=2&cursor=${first.nextCursor}`);
    expect(second.entries[0].id).not.toBe(first.entries[1].id);
    expect(new Date(second.entries[0].at).getTime()).toBeLessThanOrEqual(new Date(first.entries[1].at).getTime());
    expect((await page(`?from=${new Date(t.clock.now() + 60_000).toISOString()}`)).entries).toEqual([]);
    expect((await t.app.inject(`/api/workspaces/${other}/audit?targetId=${scenario.id}`)).json().entries).toEqual([]);
  });

  test('channel bind and unbind are logged; the outbox is the operator\'s only', async () => {
    const channel = (await t.app.inject({
      method: 'POST', url: `/api/workspaces/${ws}/channels`,
      payload: { name: 'Real', lineChannelId: '1234567890', channelSecret: 'c'.repeat(32), channelAccessToken: `token-${'x'.repeat(40)}` },
    })).json();
    await t.app.inject({ method: 'DELETE', url: `/api/workspaces/${ws}/channels/${channel.id}` });
    const entries = (await t.app.inject(`/api/workspaces/${ws}/audit?targetId=${channel.id}`)).json().entries;
    expect(entries.map((e: { action: string }) => e.action)).toEqual(['channel.unbind', 'channel.bind']);
    const editor = await logIn(t.anonymous, 'editor@example.test');
    expect((await editor.inject('/api/mail/outbox')).json().code).toBe('not_operator');
  });
});
