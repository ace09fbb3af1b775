import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { type ReactElement } from 'react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { MessageCaps, Workspace, WorkspaceRole } from '@lsb/shared/api';
import { resetSessionForTests } from '../src/accounts/session.ts';
import { App } from '../src/App.tsx';
import { TimingApiProvider, type TimingApi } from '../src/api/timingApi.ts';
import { capsFromFields } from '../src/caps/MessageCapsSettings.tsx';
import { starterGraph } from '../src/flow/starter.ts';
import { i18n, setLang } from '../src/i18n/index.ts';
import { navigate } from '../src/routing/router.ts';
import { SettingsPage } from '../src/settings/SettingsPage.tsx';
import { resetWorkspacesForTests } from '../src/shell/workspaces.ts';
import { signedInForTests } from './support/fake-accounts.ts';
import { createFakeApi } from './support/fake-runtime.ts';
import { WS1 } from './support/ids.ts';
import { installReactFlowMocks } from './reactflow-mocks.ts';
import { renderWithApi } from './setup.tsx';

// 配信上限: the workspace settings section (admins only) and the send node's choice, in ja and en.

afterEach(cleanup);
beforeEach(() => {
  resetSessionForTests();
  act(() => setLang('ja'));
});

function settingsApi(saved: MessageCaps[], initial: MessageCaps = { perDay: null, perWeek: null }): TimingApi {
  let caps = initial;
  const workspace = (): Workspace => ({ id: 'ws1', name: 'Shop', timeZone: 'Asia/Tokyo', deliveryWindows: [], messageCaps: caps, createdAt: '2026-01-01T00:00:00.000Z' });
  const unused = async (): Promise<never> => { throw new Error('not used here'); };
  return {
    getWorkspace: async () => workspace(),
    saveDeliveryWindows: unused,
    saveMessageCaps: async (_ws, next) => {
      saved.push(next);
      caps = next;
      return workspace();
    },
    searchFriends: unused,
    countSegment: unused,
    enrol: unused,
  };
}

function renderSettings(api: TimingApi, role: WorkspaceRole): ReturnType<typeof render> {
  signedInForTests(['ws1'], role);
  const ui: ReactElement = <I18nextProvider i18n={i18n}><TimingApiProvider api={api}><SettingsPage ws="ws1" /></TimingApiProvider></I18nextProvider>;
  return render(ui);
}

describe('message cap settings', () => {
  it('reads the fields: empty is no limit, a week below a day or a non-number is refused before sending', () => {
    expect(capsFromFields('', '')).toEqual({ perDay: null, perWeek: null });
    expect(capsFromFields('3', ' 10 ')).toEqual({ perDay: 3, perWeek: 10 });
    expect(capsFromFields('5', '3')).toBe('weekBelowDay');
    expect(capsFromFields('0', '')).toBe('invalidNumber');
    expect(capsFromFields('1.5', '')).toBe('invalidNumber');
    expect(capsFromFields('', '1001')).toBe('invalidNumber');
  });

  it('an admin sets 2 a day and 5 a week; a week below the day is not sent', async () => {
    const saved: MessageCaps[] = [];
    renderSettings(settingsApi(saved), 'admin');
    const day = await screen.findByTestId('caps-per-day');
    expect(screen.getByTestId('caps-settings').textContent).toContain('配信上限');
    fireEvent.change(day, { target: { value: '5' } });
    fireEvent.change(screen.getByTestId('caps-per-week'), { target: { value: '3' } });
    await act(async () => fireEvent.click(screen.getByTestId('caps-save')));
    expect(screen.getByTestId('caps-problem').textContent).toBe('1週間の上限は1日の上限以上にしてください。');
    expect(saved).toEqual([]);
    fireEvent.change(day, { target: { value: '2' } });
    fireEvent.change(screen.getByTestId('caps-per-week'), { target: { value: '5' } });
    await act(async () => fireEvent.click(screen.getByTestId('caps-save')));
    await screen.findByTestId('caps-saved');
    expect(saved).toEqual([{ perDay: 2, perWeek: 5 }]);
    // Clearing the day keeps only the weekly limit.
    fireEvent.change(day, { target: { value: '' } });
    await act(async () => fireEvent.click(screen.getByTestId('caps-save')));
    expect(saved.at(-1)).toEqual({ perDay: null, perWeek: 5 });
  });

  it('shows the stored caps, in English too', async () => {
    act(() => setLang('en'));
    renderSettings(settingsApi([], { perDay: 3, perWeek: null }), 'owner');
    expect(((await screen.findByTestId('caps-per-day')) as HTMLInputElement).value).toBe('3');
    expect((screen.getByTestId('caps-per-week') as HTMLInputElement).value).toBe('');
    expect(screen.getByTestId('caps-settings').textContent).toContain('Message cap');
  });

  it.each(['editor', 'viewer'] as const)('an %s sees the caps but cannot change them, and is told why', async (role) => {
    renderSettings(settingsApi([]), role);
    const day = await screen.findByTestId('caps-per-day');
    const fieldset = day.closest('fieldset')!;
    expect(fieldset.disabled).toBe(true);
    expect(fieldset.title).toContain('管理者');
    expect((screen.getByTestId('caps-save') as HTMLButtonElement).closest('fieldset')!.disabled).toBe(true);
  });
});

describe('the send node at the cap', () => {
  beforeAll(installReactFlowMocks);

  async function openWithSend() {
    resetWorkspacesForTests();
    const api = createFakeApi();
    const s = await api.createScenario(WS1, { name: 'x', graph: starterGraph() });
    act(() => navigate(`/workspaces/${WS1}/scenarios/${s.id}`));
    renderWithApi(<App />, api);
    await screen.findByTestId('editor-page');
    fireEvent.click(screen.getByTestId('palette-item-send'));
    await screen.findByTestId('send-cap');
    return api;
  }
  const selectedCard = () => document.querySelector('.react-flow__node.selected [data-testid="node-summary"]')
    ?? screen.getAllByTestId('node-summary').at(-1)!;

  it('defaults to hold; skip and always deliver show on the card; always disables the over-cap choice', async () => {
    await openWithSend();
    const cap = screen.getByTestId('send-cap');
    await within(cap).findByTestId('send-cap-workspace');
    expect(within(cap).getByTestId('send-cap-workspace').textContent).toContain('配信上限が設定されていません');
    expect((within(cap).getByTestId('send-cap-hold') as HTMLInputElement).checked).toBe(true);
    expect(selectedCard().textContent).not.toContain('上限');

    fireEvent.click(within(cap).getByTestId('send-cap-skip'));
    await waitFor(() => expect(selectedCard().textContent).toContain('（上限超過時はスキップ）'));

    fireEvent.click(within(cap).getByTestId('send-cap-always'));
    await waitFor(() => expect(selectedCard().textContent).toContain('（配信上限を無視）'));
    expect((within(cap).getByTestId('send-cap-skip') as HTMLInputElement).closest('fieldset')!.disabled).toBe(true);

    fireEvent.click(within(cap).getByTestId('send-cap-always'));
    await waitFor(() => expect(selectedCard().textContent).toContain('（上限超過時はスキップ）'));
    fireEvent.click(within(cap).getByTestId('send-cap-hold'));
    await waitFor(() => expect(selectedCard().textContent).not.toContain('上限'));
  });
});
