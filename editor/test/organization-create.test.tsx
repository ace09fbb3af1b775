import { act, cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { App } from '../src/App.tsx';
import { resetSessionForTests } from '../src/accounts/session.ts';
import { setLang } from '../src/i18n/index.ts';
import { navigate } from '../src/routing/router.ts';
import { resetWorkspacesForTests } from '../src/shell/workspaces.ts';
import { createFakeApi } from './support/fake-runtime.ts';
import { WS1 } from './support/ids.ts';
import { renderWithApi } from './setup.tsx';

// A person makes a second organization from the workspace switcher, works in it, creates its
// first workspace there, and can switch between the two organizations' workspaces.

const switcher = () => screen.getByTestId('workspace-switcher') as HTMLSelectElement;
const groups = () => [...switcher().querySelectorAll('optgroup')].map((g) => ({ label: g.label, options: [...g.querySelectorAll('option')].map((o) => o.textContent) }));

describe('creating an organization', () => {
  beforeEach(() => {
    resetWorkspacesForTests();
    resetSessionForTests();
    act(() => setLang('ja'));
    window.history.replaceState(null, '', '/');
  });
  afterEach(cleanup);

  it('creates it, switches to it, and its first workspace appears under it in the switcher', async () => {
    const api = createFakeApi();
    const accounts = api.controls.accounts!;
    act(() => navigate(`/workspaces/${WS1}`));
    renderWithApi(<App />, api);
    await screen.findByTestId('workspace-switcher');
    expect(screen.getByTestId('organization-create').textContent).toBe('＋ 組織を作成');

    fireEvent.change(switcher(), { target: { value: '__create_org__' } });
    fireEvent.change(await screen.findByTestId('organization-name-input'), { target: { value: '二号店グループ' } });
    fireEvent.click(screen.getByTestId('organization-create-submit'));
    expect((await screen.findByTestId('organization-created')).textContent).toBe('組織「二号店グループ」を作成しました。最初のワークスペースを作成してください。');
    const created = accounts.organizations[0]!;
    expect(created.name).toBe('二号店グループ');
    expect(accounts.currentOrganizationId).toBe(created.id);
    // Listed in the switcher at once, with its way to a first workspace.
    await waitFor(() => expect(groups().map((g) => g.label)).toEqual(['デモ組織', '二号店グループ']));
    expect(groups()[1]!.options).toEqual(['＋ この組織にワークスペースを作成']);

    fireEvent.change(screen.getByTestId('workspace-name-input'), { target: { value: '二号店' } });
    fireEvent.click(screen.getByTestId('workspace-create-submit'));
    await waitFor(() => expect(groups()[1]!.options).toEqual(['二号店']));
    const second = accounts.workspaceOrganization;
    expect([...second.values()]).toEqual([created.id]);
    const newWs = [...second.keys()][0]!;
    await waitFor(() => expect(window.location.pathname).toBe(`/workspaces/${newWs}`));
    expect(switcher().value).toBe(newWs);

    // Back to the first organization's workspace with one choice.
    fireEvent.change(switcher(), { target: { value: WS1 } });
    await waitFor(() => expect(window.location.pathname).toBe(`/workspaces/${WS1}`));
    await waitFor(() => expect(accounts.currentOrganizationId).not.toBe(created.id));
  });

  it('says it in English too', async () => {
    const api = createFakeApi();
    act(() => navigate(`/workspaces/${WS1}`));
    renderWithApi(<App />, api);
    await screen.findByTestId('workspace-switcher');
    act(() => setLang('en'));
    expect(screen.getByTestId('organization-create').textContent).toBe('＋ Create organization');
    fireEvent.change(switcher(), { target: { value: '__create_org__' } });
    fireEvent.change(await screen.findByTestId('organization-name-input'), { target: { value: 'Second group' } });
    fireEvent.click(screen.getByTestId('organization-create-submit'));
    expect((await screen.findByTestId('organization-created')).textContent).toBe('Created the organization “Second group”. Now create its first workspace.');
    act(() => setLang('ja'));
  });
});
