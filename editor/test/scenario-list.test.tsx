import { WS1 } from './support/ids.ts';
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFakeApi } from './support/fake-runtime.ts';
import { App } from '../src/App.tsx';
import { navigate } from '../src/routing/router.ts';
import { resetWorkspacesForTests } from '../src/shell/workspaces.ts';
import { renderWithApi } from './setup.tsx';

describe('scenario list', () => {
  beforeEach(() => {
    resetWorkspacesForTests();
    window.history.replaceState(null, '', '/');
  });
  afterEach(cleanup);

  it('redirects home to the workspace and creates a scenario that opens in the editor', async () => {
    const api = createFakeApi();
    renderWithApi(<App />, api);
    await screen.findByTestId('scenario-list-page');
    expect(window.location.pathname).toBe(`/workspaces/${WS1}`);
    fireEvent.click(screen.getByTestId('scenario-create'));
    fireEvent.change(screen.getByTestId('scenario-create-name'), { target: { value: 'ウェルカム' } });
    fireEvent.click(screen.getByTestId('scenario-create-submit'));
    await waitFor(() => expect(window.location.pathname).toMatch(new RegExp(`^/workspaces/${WS1}/scenarios/[0-9a-f-]{36}$`)));
    const [stored] = api.controls.scenarios.values();
    expect(stored?.name).toBe('ウェルカム');
    expect(stored?.draft.nodes[0]?.type).toBe('trigger');
  });

  it('renames, duplicates, archives and searches', async () => {
    const api = createFakeApi();
    await api.createScenario(WS1, { name: '購入者フォロー' });
    await api.createScenario(WS1, { name: '予約リマインド' });
    act(() => navigate(`/workspaces/${WS1}`));
    renderWithApi(<App />, api);
    await waitFor(() => expect(screen.getAllByTestId('scenario-row')).toHaveLength(2));

    const first = screen.getAllByTestId('scenario-row')[0]!;
    expect(within(first).getByTestId('scenario-status').textContent).toBe('下書き');
    fireEvent.click(within(first).getByTestId('scenario-rename'));
    fireEvent.change(within(first).getByTestId('scenario-rename-input'), { target: { value: '購入者フォロー改' } });
    fireEvent.click(within(first).getByTestId('scenario-rename-save'));
    await screen.findByText('購入者フォロー改');

    fireEvent.click(within(screen.getAllByTestId('scenario-row')[0]!).getByTestId('scenario-duplicate'));
    await waitFor(() => expect(screen.getAllByTestId('scenario-row')).toHaveLength(3));

    const row = screen.getAllByTestId('scenario-row')[1]!;
    fireEvent.click(within(row).getByTestId('scenario-archive'));
    fireEvent.click(within(row).getByTestId('scenario-archive-confirm'));
    await waitFor(() => expect(screen.getAllByTestId('scenario-row')).toHaveLength(2));

    fireEvent.change(screen.getByTestId('scenario-search'), { target: { value: '(コピー)' } });
    await waitFor(() => expect(screen.getAllByTestId('scenario-row')).toHaveLength(1));
  });

  it('says the runtime is down and retries on request without losing the page', async () => {
    const api = createFakeApi();
    api.controls.down = true;
    act(() => navigate(`/workspaces/${WS1}`));
    renderWithApi(<App />, api);
    const banners = await screen.findAllByTestId('error-banner');
    expect(banners[0]?.textContent).toContain('サーバーに接続できません');
    api.controls.down = false;
    for (const button of screen.getAllByTestId('error-retry')) fireEvent.click(button);
    await screen.findByTestId('scenario-list-empty');
  });
});
