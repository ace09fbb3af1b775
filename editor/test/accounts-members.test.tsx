import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { App } from '../src/App.tsx';
import { resetSessionForTests } from '../src/accounts/session.ts';
import { setLang } from '../src/i18n/index.ts';
import { navigate } from '../src/routing/router.ts';
import { resetWorkspacesForTests } from '../src/shell/workspaces.ts';
import { OWNER } from './support/fake-accounts.ts';
import { createFakeApi } from './support/fake-runtime.ts';
import { WS1 } from './support/ids.ts';
import { installReactFlowMocks } from './reactflow-mocks.ts';
import { renderWithApi } from './setup.tsx';

// Members (invite through the mail outbox, role change, the last owner kept), API tokens (shown
// once, revoked) and the audit log, through the real clients against the fake runtime.

const type = (testId: string, value: string) => fireEvent.change(screen.getByTestId(testId), { target: { value } });
const rowOf = (email: string) => screen.getAllByTestId('member-row').find((r) => r.dataset.email === email)!;

describe('members, tokens, audit log and mail outbox', () => {
  beforeAll(installReactFlowMocks);
  beforeEach(() => {
    resetWorkspacesForTests();
    resetSessionForTests();
    act(() => setLang('ja'));
    window.history.replaceState(null, '', '/');
    vi.spyOn(window, 'confirm').mockReturnValue(true);
  });
  afterEach(() => {
    cleanup();
    vi.restoreAllMocks();
  });

  it('invites a viewer whose mail lands in the outbox; the invitee makes an account and joins as viewer', async () => {
    const api = createFakeApi();
    act(() => navigate(`/workspaces/${WS1}/members`));
    renderWithApi(<App />, api);
    await waitFor(() => expect(screen.getAllByTestId('member-row')).toHaveLength(1));
    type('invite-email-input', 'viewer@example.com');
    fireEvent.change(screen.getByTestId('invite-role'), { target: { value: 'viewer' } });
    fireEvent.click(screen.getByTestId('invite-send'));
    expect((await screen.findByTestId('invite-sent')).textContent).toContain('viewer@example.com');
    await waitFor(() => expect(screen.getAllByTestId('invitation-row')[0]!.textContent).toContain('閲覧者'));

    act(() => navigate('/mail-outbox'));
    const mail = await screen.findByTestId('outbox-mail');
    expect(mail.dataset.to).toBe('viewer@example.com');
    const link = new URL(within(mail).getByTestId('outbox-link').getAttribute('href')!);

    // The operator logs out; the invitee opens the link.
    fireEvent.click(screen.getByTestId('account-menu'));
    fireEvent.click(screen.getByTestId('account-logout'));
    await screen.findByTestId('login-page');
    act(() => navigate(link.pathname + link.search));
    expect((await screen.findByTestId('invite-lead')).textContent).toContain('閲覧者として招待');
    type('invite-name', '閲覧 次郎');
    type('invite-password', 'short');
    type('invite-confirm', 'short');
    fireEvent.click(screen.getByTestId('invite-submit'));
    expect((await screen.findByTestId('form-error')).textContent).toBe('パスワードは12文字以上にしてください。');
    type('invite-password', 'viewer long passphrase');
    type('invite-confirm', 'viewer long passphrase');
    fireEvent.click(screen.getByTestId('invite-submit'));
    await screen.findByTestId('scenario-list-page');
    expect(window.location.pathname).toBe(`/workspaces/${WS1}`);
    expect(screen.getByTestId('account-menu').textContent).toContain('閲覧 次郎');

    // The same link again says it was used.
    fireEvent.click(screen.getByTestId('account-menu'));
    fireEvent.click(screen.getByTestId('account-logout'));
    await screen.findByTestId('login-page');
    act(() => navigate(link.pathname + link.search));
    expect((await screen.findByTestId('form-error')).textContent).toBe('このリンクはすでに使われたか、取り消されています。');
  });

  it('changes a role and removes a member, and refuses to demote the last owner with a clear message', async () => {
    const api = createFakeApi();
    const accounts = api.controls.accounts!;
    accounts.users.push({ id: '00000000-0000-4000-8000-000000000001', email: 'ed@example.com', name: '編集 三郎', password: 'x'.repeat(12), isOperator: false });
    accounts.roles.set(WS1, new Map([[OWNER.id, 'owner'], ['00000000-0000-4000-8000-000000000001', 'editor']]));
    act(() => navigate(`/workspaces/${WS1}/members`));
    renderWithApi(<App />, api);
    await waitFor(() => expect(screen.getAllByTestId('member-row')).toHaveLength(2));

    fireEvent.change(within(rowOf('ed@example.com')).getByTestId('member-role'), { target: { value: 'admin' } });
    await waitFor(() => expect((within(rowOf('ed@example.com')).getByTestId('member-role') as HTMLSelectElement).value).toBe('admin'));

    fireEvent.change(within(rowOf(OWNER.email)).getByTestId('member-role'), { target: { value: 'editor' } });
    expect((await within(rowOf(OWNER.email)).findByTestId('form-error')).textContent).toBe('最後のオーナーは削除・変更できません。先に別のオーナーを決めてください。');
    fireEvent.click(within(rowOf(OWNER.email)).getByTestId('member-remove'));
    await waitFor(() => expect(accounts.calls.filter((c) => c === 'removeMember')).toHaveLength(1));
    expect(screen.getAllByTestId('member-row')).toHaveLength(2);

    fireEvent.click(within(rowOf('ed@example.com')).getByTestId('member-remove'));
    await waitFor(() => expect(screen.getAllByTestId('member-row')).toHaveLength(1));

    act(() => navigate(`/workspaces/${WS1}/audit`));
    await waitFor(() => expect(screen.getAllByTestId('audit-entry').map((e) => e.dataset.action)).toEqual(['member.remove', 'member.role_change']));
    expect(screen.getAllByTestId('audit-entry')[1]!.textContent).toContain('編集者 → 管理者');
    fireEvent.change(screen.getByTestId('audit-action'), { target: { value: 'member.remove' } });
    await waitFor(() => expect(screen.getAllByTestId('audit-entry')).toHaveLength(1));
    fireEvent.change(screen.getByTestId('audit-action'), { target: { value: 'token.create' } });
    await screen.findByTestId('audit-none');
  });

  it('shows a new API token once, lists it with its last use, and revokes it', async () => {
    const api = createFakeApi();
    act(() => navigate(`/workspaces/${WS1}/tokens`));
    renderWithApi(<App />, api);
    await screen.findByTestId('tokens-page');
    type('token-name', 'CSV取り込み');
    fireEvent.click(screen.getByTestId('token-create'));
    const secret = (await screen.findByTestId('token-secret')) as HTMLInputElement;
    expect(secret.value).toMatch(/^lsb_/);
    const row = await screen.findByTestId('token-row');
    expect(within(row).getByTestId('token-last-used').textContent).toBe('未使用');
    expect(row.textContent).not.toContain(secret.value);
    cleanup();

    // Back on the page later: the secret is gone, the token is listed.
    renderWithApi(<App />, api);
    await screen.findByTestId('token-row');
    expect(screen.queryByTestId('token-secret')).toBeNull();
    fireEvent.click(screen.getByTestId('token-revoke'));
    await waitFor(() => expect(screen.getByTestId('token-row').dataset.revoked).toBe('true'));
    expect(api.controls.accounts!.tokens[0]!.revokedAt).not.toBeNull();
  });

  it('lists the scenario’s own audit entries on its versions view', async () => {
    const api = createFakeApi();
    const created = await api.createScenario(WS1, { name: 'ウェルカム' });
    await api.publish(WS1, created.id);
    act(() => navigate(`/workspaces/${WS1}/scenarios/${created.id}`));
    renderWithApi(<App />, api);
    fireEvent.click(await screen.findByTestId('open-versions'));
    const log = await screen.findByTestId('scenario-audit');
    await waitFor(() => expect(within(log).getAllByTestId('audit-entry')).toHaveLength(1));
    expect(within(log).getByTestId('audit-entry').textContent).toContain('公開');
    expect(within(log).getByTestId('audit-entry').textContent).toContain(OWNER.name);
  });
});
