import { act, cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { App } from '../src/App.tsx';
import { ApiError } from '../src/api/errors.ts';
import { ErrorMessage } from '../src/shell/ErrorMessage.tsx';
import { roleAllows } from '../src/accounts/permissions.ts';
import { resetSessionForTests } from '../src/accounts/session.ts';
import { setLang } from '../src/i18n/index.ts';
import { navigate } from '../src/routing/router.ts';
import { resetWorkspacesForTests } from '../src/shell/workspaces.ts';
import { OWNER } from './support/fake-accounts.ts';
import { createFakeApi } from './support/fake-runtime.ts';
import { id, WS1 } from './support/ids.ts';
import { installReactFlowMocks } from './reactflow-mocks.ts';
import { renderWithApi } from './setup.tsx';

// What a role may not use is disabled with the reason; what the runtime refuses is said in words;
// a workspace the person is not in does not exist for them.

const WS2 = id('ws2');

describe('roles in the editor', () => {
  beforeAll(installReactFlowMocks);
  beforeEach(() => {
    resetWorkspacesForTests();
    resetSessionForTests();
    act(() => setLang('ja'));
    window.history.replaceState(null, '', '/');
  });
  afterEach(cleanup);

  it('orders roles: an owner may do what an editor may, a viewer may not', () => {
    expect(roleAllows('owner', 'editor')).toBe(true);
    expect(roleAllows('editor', 'editor')).toBe(true);
    expect(roleAllows('viewer', 'editor')).toBe(false);
    expect(roleAllows('editor', 'admin')).toBe(false);
    expect(roleAllows(undefined, 'viewer')).toBe(false);
  });

  it('opens a scenario read-only for a viewer: publish, pause and editing disabled with the reason', async () => {
    const api = createFakeApi();
    const created = await api.createScenario(WS1, { name: '閲覧テスト' });
    await api.publish(WS1, created.id);
    api.controls.accounts!.roles.set(WS1, new Map([[OWNER.id, 'viewer']]));
    act(() => navigate(`/workspaces/${WS1}/scenarios/${created.id}`));
    renderWithApi(<App />, api);
    const publish = (await screen.findByTestId('open-publish')) as HTMLButtonElement;
    expect(publish.disabled).toBe(true);
    expect(publish.title).toBe('編集者以上の権限が必要です（あなたは閲覧者です）');
    expect((screen.getByTestId('pause-scenario') as HTMLButtonElement).disabled).toBe(true);
    expect((screen.getByTestId('paste') as HTMLButtonElement).disabled).toBe(true);
    expect(screen.queryByTestId('palette')).toBeNull();
    expect(screen.getByTestId('read-only-note').textContent).toContain('閲覧のみ');
    fireEvent.click(screen.getByTestId('open-versions'));
    await waitFor(() => expect((screen.getByTestId('version-restore') as HTMLButtonElement).disabled).toBe(true));

    act(() => setLang('en'));
    expect((screen.getByTestId('open-publish') as HTMLButtonElement).title).toBe('Needs the Editor role or higher (you are Viewer)');
    act(() => setLang('ja'));
  });

  it('disables the members and scenario-list controls for a viewer, with the reason', async () => {
    const api = createFakeApi();
    await api.createScenario(WS1, { name: '既存' });
    api.controls.accounts!.roles.set(WS1, new Map([[OWNER.id, 'viewer']]));
    act(() => navigate(`/workspaces/${WS1}/members`));
    renderWithApi(<App />, api);
    await screen.findByTestId('member-row');
    expect((screen.getByTestId('invite-send') as HTMLButtonElement).closest('fieldset')!.disabled).toBe(true);
    expect((screen.getByTestId('member-role') as HTMLSelectElement).disabled).toBe(true);
    expect(screen.getByTestId('members-readonly').textContent).toBe('管理者以上の権限が必要です（あなたは閲覧者です）');

    act(() => navigate(`/workspaces/${WS1}`));
    await screen.findByTestId('scenario-row');
    const create = screen.getByTestId('scenario-create') as HTMLButtonElement;
    expect(create.disabled).toBe(true);
    expect(create.title).toBe('編集者以上の権限が必要です（あなたは閲覧者です）');
    expect((screen.getByTestId('scenario-archive') as HTMLButtonElement).disabled).toBe(true);
    expect((screen.getByTestId('scenario-priority') as HTMLInputElement).disabled).toBe(true);
  });

  it('says which role a call the runtime refused needs (403 forbidden), in ja and en', () => {
    const refused = new ApiError(403, 'forbidden', 'This needs the admin role in this workspace.', { required: 'admin' });
    renderWithApi(<ErrorMessage error={refused} />, createFakeApi());
    expect(screen.getByTestId('error-banner').textContent).toBe('この操作には管理者以上の権限が必要です。');
    act(() => setLang('en'));
    expect(screen.getByTestId('error-banner').textContent).toBe('This needs the Admin role or higher.');
    act(() => setLang('ja'));
  });

  it('shows a not-found page for a scenario URL of a workspace the person is not in', async () => {
    const api = createFakeApi({ workspaces: [{ id: WS1, name: 'A店', timeZone: 'Asia/Tokyo' }, { id: WS2, name: 'B店', timeZone: 'Asia/Tokyo' }] });
    const other = await api.createScenario(WS2, { name: 'B店のシナリオ' });
    api.controls.accounts!.roles.set(WS2, new Map([[OWNER.id, null]]));
    act(() => navigate(`/workspaces/${WS2}/scenarios/${other.id}`));
    renderWithApi(<App />, api);
    await screen.findByTestId('not-found-page');
    expect(screen.queryByText('B店のシナリオ')).toBeNull();
    const options = [...(screen.getByTestId('workspace-switcher') as HTMLSelectElement).options].map((o) => o.textContent);
    expect(options).toContain('A店');
    expect(options).not.toContain('B店');

    // Another workspace's scenario id under one's own workspace: the runtime answers 404, the page says not found.
    act(() => navigate(`/workspaces/${WS1}/scenarios/${other.id}`));
    await screen.findByTestId('not-found-page');
  });
});
