import { act, cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { App } from '../src/App.tsx';
import { resetSessionForTests } from '../src/accounts/session.ts';
import { setLang } from '../src/i18n/index.ts';
import { navigate } from '../src/routing/router.ts';
import { resetWorkspacesForTests } from '../src/shell/workspaces.ts';
import { OWNER } from './support/fake-accounts.ts';
import { createFakeApi } from './support/fake-runtime.ts';
import { WS1 } from './support/ids.ts';
import { renderWithApi } from './setup.tsx';

// First run, log-in, reset and invitation pages against the fake runtime's accounts routes, in ja and en.

const type = (testId: string, value: string) => fireEvent.change(screen.getByTestId(testId), { target: { value } });
const alertText = async () => (await screen.findByTestId('form-error')).textContent;

describe('accounts pages', () => {
  beforeEach(() => {
    resetWorkspacesForTests();
    resetSessionForTests();
    act(() => setLang('ja'));
    window.history.replaceState(null, '', '/');
  });
  afterEach(() => {
    cleanup();
    act(() => setLang('ja'));
  });

  it('asks an empty installation for its owner, refusing short and common passwords, then opens the demo workspace', async () => {
    const api = createFakeApi({ needsOwner: true });
    renderWithApi(<App />, api);
    await screen.findByTestId('setup-page');
    expect(window.location.pathname).toBe('/setup');
    type('setup-name', '山田太郎');
    type('setup-email', 'owner@shop.example');
    type('setup-password', 'short');
    fireEvent.click(screen.getByTestId('setup-submit'));
    expect(await alertText()).toBe('パスワードは12文字以上にしてください。');
    expect(api.controls.accounts!.calls).not.toContain('signup');

    type('setup-password', 'password1234');
    fireEvent.click(screen.getByTestId('setup-submit'));
    await waitFor(() => expect(screen.getByTestId('form-error').textContent).toContain('よく使われていて'));

    type('setup-password', 'a long and private phrase');
    fireEvent.click(screen.getByTestId('setup-submit'));
    await screen.findByTestId('scenario-list-page');
    expect(window.location.pathname).toBe(`/workspaces/${WS1}`);
    expect(screen.getByTestId('account-menu').textContent).toContain('山田太郎');
  });

  it('says a wrong password in words (ja and en) and returns to the page the person asked for', async () => {
    const api = createFakeApi({ signedIn: false });
    act(() => navigate(`/workspaces/${WS1}/tags`));
    renderWithApi(<App />, api);
    await screen.findByTestId('login-page');
    expect(window.location.pathname).toBe('/login');
    expect(new URLSearchParams(window.location.search).get('next')).toBe(`/workspaces/${WS1}/tags`);

    type('login-email', OWNER.email);
    type('login-password', 'not the password');
    fireEvent.click(screen.getByTestId('login-submit'));
    expect(await alertText()).toBe('メールアドレスまたはパスワードが違います。');
    act(() => setLang('en'));
    fireEvent.click(screen.getByTestId('login-submit'));
    await waitFor(() => expect(screen.getByTestId('form-error').textContent).toBe('Wrong email or password.'));

    type('login-password', OWNER.password);
    fireEvent.click(screen.getByTestId('login-submit'));
    await waitFor(() => expect(window.location.pathname).toBe(`/workspaces/${WS1}/tags`));
  });

  it('sends a 401 from any call to log-in, then back to where the person was; state changes carry the CSRF token', async () => {
    const api = createFakeApi();
    act(() => navigate(`/workspaces/${WS1}`));
    renderWithApi(<App />, api);
    await screen.findByTestId('scenario-list-page');
    // A state change without the session's token is refused by the fake as by the runtime: this one passes.
    fireEvent.click(screen.getByTestId('scenario-create'));
    type('scenario-create-name', 'ようこそ');
    fireEvent.click(screen.getByTestId('scenario-create-submit'));
    await waitFor(() => expect(window.location.pathname).toMatch(/\/scenarios\//));
    const scenarioPath = window.location.pathname;

    api.controls.accounts!.expire();
    act(() => navigate(`/workspaces/${WS1}/members`));
    await screen.findByTestId('login-page');
    expect(screen.getByTestId('login-expired').textContent).toContain('セッションが切れました');
    expect(new URLSearchParams(window.location.search).get('next')).toBe(`/workspaces/${WS1}/members`);
    type('login-email', OWNER.email);
    type('login-password', OWNER.password);
    fireEvent.click(screen.getByTestId('login-submit'));
    await screen.findByTestId('members-page');
    expect(window.location.pathname).toBe(`/workspaces/${WS1}/members`);
    expect(scenarioPath).toContain(WS1);
  });

  it('resets a password from the mail link, and says so when the link is expired or used', async () => {
    const api = createFakeApi({ signedIn: false });
    api.controls.accounts!.resetTokens.set('fresh', { userId: api.controls.accounts!.users[0]!.id, state: 'fresh' });
    api.controls.accounts!.resetTokens.set('old', { userId: api.controls.accounts!.users[0]!.id, state: 'expired' });
    act(() => navigate('/reset-password?token=old'));
    renderWithApi(<App />, api);
    await screen.findByTestId('reset-page');
    type('reset-password', 'a brand new passphrase');
    type('reset-confirm', 'a brand new passphrase');
    fireEvent.click(screen.getByTestId('reset-submit'));
    expect(await alertText()).toBe('このリンクは有効期限が切れています。もう一度送ってもらってください。');
    expect(screen.getByTestId('reset-again')).toBeTruthy();
    cleanup();

    act(() => navigate('/reset-password?token=fresh'));
    renderWithApi(<App />, api);
    await screen.findByTestId('reset-page');
    type('reset-password', 'a brand new passphrase');
    type('reset-confirm', 'a different passphrase');
    fireEvent.click(screen.getByTestId('reset-submit'));
    expect(await alertText()).toBe('確認用のパスワードが一致しません。');
    type('reset-confirm', 'a brand new passphrase');
    fireEvent.click(screen.getByTestId('reset-submit'));
    await screen.findByTestId('login-after-reset');
    expect(api.controls.accounts!.users[0]!.password).toBe('a brand new passphrase');
    cleanup();

    // The same link again: used.
    act(() => navigate('/reset-password?token=fresh'));
    renderWithApi(<App />, api);
    await screen.findByTestId('reset-page');
    act(() => setLang('en'));
    type('reset-password', 'yet another passphrase');
    type('reset-confirm', 'yet another passphrase');
    fireEvent.click(screen.getByTestId('reset-submit'));
    expect(await alertText()).toBe('This link was already used or has been withdrawn.');
  });

  it('asks for a reset link without telling whether the email has an account', async () => {
    const api = createFakeApi({ signedIn: false });
    act(() => navigate('/forgot-password'));
    renderWithApi(<App />, api);
    await screen.findByTestId('forgot-page');
    type('forgot-email', 'nobody@example.com');
    fireEvent.click(screen.getByTestId('forgot-submit'));
    expect((await screen.findByTestId('forgot-sent')).textContent).toContain('nobody@example.com にアカウントがあれば');
  });

  it('logs out from the account menu', async () => {
    const api = createFakeApi();
    act(() => navigate(`/workspaces/${WS1}`));
    renderWithApi(<App />, api);
    fireEvent.click(await screen.findByTestId('account-menu'));
    expect(screen.getByTestId('account-email').textContent).toContain(OWNER.email);
    expect(screen.getByTestId('account-outbox')).toBeTruthy();
    fireEvent.click(screen.getByTestId('account-logout'));
    await screen.findByTestId('login-page');
    expect(api.controls.accounts!.userId).toBeNull();
  });

  it('changes the password from the account menu, refusing a wrong current one', async () => {
    const api = createFakeApi();
    act(() => navigate(`/workspaces/${WS1}`));
    renderWithApi(<App />, api);
    fireEvent.click(await screen.findByTestId('account-menu'));
    fireEvent.click(screen.getByTestId('account-password'));
    type('password-current', 'wrong one');
    type('password-next', 'another long passphrase');
    type('password-confirm', 'another long passphrase');
    fireEvent.click(screen.getByTestId('password-submit'));
    expect(await alertText()).toBe('現在のパスワードが違います。');
    type('password-current', OWNER.password);
    fireEvent.click(screen.getByTestId('password-submit'));
    await screen.findByTestId('password-changed');
    expect(api.controls.accounts!.users[0]!.password).toBe('another long passphrase');
  });
});
