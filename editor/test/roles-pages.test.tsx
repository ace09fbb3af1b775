import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { ReactNode } from 'react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { WorkspaceRole } from '@lsb/shared/api';
import { App } from '../src/App.tsx';
import { ApiProvider } from '../src/api/ApiContext.tsx';
import type { CatalogueApi, FriendDetail } from '../src/api/CatalogueApi.ts';
import { CatalogueApiProvider } from '../src/api/CatalogueApiContext.tsx';
import type { ScenarioApi } from '../src/api/ScenarioApi.ts';
import type { WorkspaceCatalogue } from '../src/api/types.ts';
import { resetSessionForTests } from '../src/accounts/session.ts';
import { FieldsPage } from '../src/catalogue/FieldsPage.tsx';
import { ChannelCard } from '../src/channels/ChannelCard.tsx';
import { LinksPage } from '../src/catalogue/LinksPage.tsx';
import { TagsPage } from '../src/catalogue/TagsPage.tsx';
import { FriendPage } from '../src/friends/FriendPage.tsx';
import { FriendsPage } from '../src/friends/FriendsPage.tsx';
import { i18n, setLang } from '../src/i18n/index.ts';
import type { InflowApi } from '../src/inflow/api.ts';
import { InflowRoutesPage } from '../src/inflow/InflowRoutesPage.tsx';
import { navigate } from '../src/routing/router.ts';
import { SegmentsPage } from '../src/segments/SegmentsPage.tsx';
import { SegmentsApiProvider, type SegmentsApi } from '../src/segments/SegmentsApi.ts';
import { resetWorkspacesForTests } from '../src/shell/workspaces.ts';
import { OWNER, signedInForTests } from './support/fake-accounts.ts';
import { createFakeApi, createFakeLineApi } from './support/fake-runtime.ts';
import { id, WS1 } from './support/ids.ts';
import { installReactFlowMocks } from './reactflow-mocks.ts';
import { renderWithApi } from './setup.tsx';

// Issue 16 point 8 on the catalogue, friends, segments, inflow and simulator pages: what a viewer
// may not use is disabled with the reason (as a title and a note); an editor may use all of it;
// reading, counting, copying and the CSV export stay available to a viewer.

const REASON = '編集者以上の権限が必要です（あなたは閲覧者です）';
const ROLES = ['viewer', 'editor'] as const satisfies readonly WorkspaceRole[];

/** Disabled itself or by a disabled fieldset around it (as the browser does). */
function disabled(el: HTMLElement): boolean {
  if ((el as HTMLButtonElement).disabled) return true;
  for (let p = el.parentElement; p; p = p.parentElement) if (p instanceof HTMLFieldSetElement && p.disabled) return true;
  return false;
}
/** The reason shown on hover: the control's own title or its disabled fieldset's. */
function reasonOf(el: HTMLElement): string {
  if (el.title) return el.title;
  for (let p = el.parentElement; p; p = p.parentElement) if (p instanceof HTMLFieldSetElement && p.disabled) return p.title;
  return '';
}
function expectLocked(role: WorkspaceRole, testIds: string[]) {
  for (const testId of testIds) {
    for (const el of screen.getAllByTestId(testId)) {
      expect([testId, disabled(el)]).toEqual([testId, role === 'viewer']);
      if (role === 'viewer') expect([testId, reasonOf(el)]).toEqual([testId, REASON]);
    }
  }
}
function expectUsable(testIds: string[]) {
  for (const testId of testIds) for (const el of screen.getAllByTestId(testId)) expect([testId, disabled(el)]).toEqual([testId, false]);
}

const catalogue: WorkspaceCatalogue = {
  tags: [{ id: 'tag-vip', name: 'VIP', folderId: 'folder-1' }, { id: 'tag-new', name: '新規', folderId: null }] as unknown as WorkspaceCatalogue['tags'],
  tagFolders: [{ id: 'folder-1', name: '顧客ランク' }] as unknown as WorkspaceCatalogue['tagFolders'],
  fields: [{ id: 'f-plan', name: 'プラン', kind: 'choice', choices: ['松', '竹'] }, { id: 'f-memo', name: 'メモ', kind: 'text', choices: [] }] as unknown as WorkspaceCatalogue['fields'],
  inflowRoutes: [], scenarios: [{ id: 's1', name: 'ウェルカム' }], links: [{ id: 'l1', name: 'LP', url: 'https://example.com/lp' }] as unknown as WorkspaceCatalogue['links'],
};
const friend: FriendDetail = {
  id: 'fr1', channelId: 'c1', lineUserId: 'U1', displayName: '花子', status: 'active', inflowRouteId: null,
  registeredAt: '2026-04-01T00:00:00.000Z', lastReactionAt: null, tagIds: ['tag-vip'], fields: { 'f-memo': '窓際' }, runs: [], timeline: [],
};
const catalogueApi = {
  getCatalogue: async () => structuredClone(catalogue),
  getFriend: async () => structuredClone(friend),
} as unknown as CatalogueApi;
const segment = { id: 'seg1', name: '東京のVIP', condition: { all: [] }, updatedAt: '2026-04-01T00:00:00.000Z', usedBy: [], count: 12 };
const segmentsApi = {
  listSegments: async () => ({ segments: [segment] }),
  queryFriends: async () => ({ friends: [], nextCursor: null }),
  countFriends: async () => ({ count: 7 }),
  countCondition: async () => ({ count: 12 }),
  sampleCondition: async () => ({ friends: [] }),
} as unknown as SegmentsApi;
const inflowApi = {
  listRoutes: async () => [{ id: 'r1', name: '店頭POP', code: 'pop', channelId: null, actions: { tagIds: [], scenarioId: null, repeat: 'firstTimeOnly' }, url: 'https://x/r/pop', createdAt: '2026-04-10T00:00:00.000Z' }],
  catalogue: async () => ({ tags: [], scenarios: [] }),
  listChannels: async () => [],
  report: async () => ({ from: '2026-04-09', to: '2026-04-10', timeZone: 'Asia/Tokyo', conversionsAvailable: false, routes: [] }),
  qrUrl: () => '/qr.svg',
} as unknown as InflowApi;

const show = (node: ReactNode) => render(
  <I18nextProvider i18n={i18n}>
    <ApiProvider api={{} as ScenarioApi}>
      <CatalogueApiProvider api={catalogueApi}><SegmentsApiProvider api={segmentsApi}>{node}</SegmentsApiProvider></CatalogueApiProvider>
    </ApiProvider>
  </I18nextProvider>,
);

describe.each(ROLES)('pages as %s', (role) => {
  beforeEach(() => {
    act(() => setLang('ja'));
    signedInForTests(['ws1'], role);
  });
  afterEach(cleanup);
  const note = (testId: string) => {
    if (role === 'viewer') expect(screen.getByTestId(testId).textContent).toBe(REASON);
    else expect(screen.queryByTestId(testId)).toBeNull();
  };

  it('タグ管理: create, rename, move, merge and delete', async () => {
    show(<TagsPage ws="ws1" />);
    await screen.findAllByTestId('tag-row');
    fireEvent.change(screen.getByTestId('tag-new-name'), { target: { value: 'x' } });
    fireEvent.change(screen.getByTestId('folder-new-name'), { target: { value: 'x' } });
    expectLocked(role, ['folder-new-name', 'folder-create', 'tag-new-name', 'tag-create', 'folder-rename', 'folder-delete', 'tag-rename', 'tag-move', 'tag-merge', 'tag-delete']);
    note('tags-readonly');
    expect(screen.getAllByTestId('tag-name').map((n) => n.textContent)).toEqual(['VIP', '新規']);
  });

  it('友だち情報欄: create, rename, edit choices, change kind and delete', async () => {
    show(<FieldsPage ws="ws1" />);
    await screen.findAllByTestId('field-row');
    fireEvent.change(screen.getByTestId('field-new-name'), { target: { value: 'x' } });
    expectLocked(role, ['field-new-name', 'field-create', 'field-rename', 'field-kind', 'field-edit-choices', 'field-delete']);
    note('fields-readonly');
  });

  it('リンク: create, rename, re-point and delete', async () => {
    show(<LinksPage ws="ws1" />);
    await screen.findAllByTestId('link-row');
    fireEvent.change(screen.getByTestId('link-new-name'), { target: { value: '春LP' } });
    fireEvent.change(screen.getByTestId('link-new-url'), { target: { value: 'https://example.com/spring' } });
    expectLocked(role, ['link-new-name', 'link-new-url', 'link-create', 'link-rename', 'link-edit-url', 'link-delete']);
    note('links-readonly');
  });

  it('流入経路: create, edit and delete a route; its URL stays to copy', async () => {
    render(<I18nextProvider i18n={i18n}><InflowRoutesPage ws="ws1" api={inflowApi} /></I18nextProvider>);
    await screen.findByTestId('route-card');
    await screen.findByTestId('route-form');
    expectLocked(role, ['route-edit', 'route-remove', 'route-name', 'route-save']);
    expectUsable(['route-url', 'route-copy-url']);
    note('routes-readonly');
  });

  it('friends page: import and bulk tag / enrol locked; search, segment filter and export stay', async () => {
    show(<FriendsPage ws="ws1" />);
    expect(await screen.findByText('7人が該当')).toBeTruthy();
    // With a tag chosen the run button is enabled for an editor; a viewer cannot choose one.
    await waitFor(() => expect(screen.getByTestId('bulk-target').querySelectorAll('option').length).toBeGreaterThan(1));
    fireEvent.change(screen.getByTestId('bulk-target'), { target: { value: 'tag-vip' } });
    expectLocked(role, ['friends-import', 'bulk-action', 'bulk-target', 'bulk-review']);
    expectUsable(['friends-export', 'friends-search', 'friends-segment', 'friends-condition-toggle']);
    note('bulk-readonly');
  });

  it('friend page: tags and field values locked, the data still shown', async () => {
    show(<FriendPage ws="ws1" friendId="fr1" />);
    await screen.findByTestId('friend-fields');
    // A changed value makes 保存 usable for an editor; a viewer's inputs take no change.
    fireEvent.change(screen.getByLabelText(/メモ/), { target: { value: '通路側' } });
    expectLocked(role, ['sim-tag-add', 'friend-fields-save']);
    for (const input of within(screen.getByTestId('friend-fields')).getAllByRole('textbox')) expect(disabled(input)).toBe(role === 'viewer');
    expect(disabled(screen.getByRole('button', { name: /VIP/ }))).toBe(role === 'viewer');
    note('friend-data-readonly');
  });

  it('セグメント: create, save and delete locked; the live count still shown', async () => {
    show(<SegmentsPage ws="ws1" />);
    const item = await screen.findByTestId('segment-item');
    expectLocked(role, ['segment-new']);
    note('segments-readonly');
    fireEvent.click(within(item).getByRole('button'));
    await screen.findByTestId('segment-editor');
    expectLocked(role, ['segment-save', 'segment-delete']);
    await waitFor(() => expect(screen.getByTestId('segment-live-count').textContent).toContain('12'));
  });
});

describe.each(ROLES)('simulator and enrol entry as %s', (role) => {
  beforeAll(installReactFlowMocks);
  beforeEach(() => {
    resetWorkspacesForTests();
    resetSessionForTests();
    act(() => setLang('ja'));
  });
  afterEach(cleanup);

  it('adding a friend, sending, tapping and fast-forwarding are locked; choosing a friend is not', async () => {
    const api = createFakeApi();
    api.controls.catalogues.set(WS1, { tags: [{ id: id('tag-a'), name: 'A' }], tagFolders: [], fields: [], inflowRoutes: [], scenarios: [], links: [] });
    const line = createFakeLineApi();
    await line.addVirtualFriend(WS1, { displayName: '太郎' });
    api.controls.accounts!.roles.set(WS1, new Map([[OWNER.id, role]]));
    act(() => navigate(`/workspaces/${WS1}/simulator`));
    renderWithApi(<App />, api, line);
    await screen.findByTestId('sim-friend-view');
    await screen.findByTestId('sim-fast-forward');
    fireEvent.change(screen.getByTestId('sim-text-input'), { target: { value: 'こんにちは' } });
    expectLocked(role, ['sim-add-name', 'sim-add-submit', 'sim-text-input', 'sim-send', 'sim-fast-forward', 'sim-block']);
    expectUsable(['sim-friend']);
    if (role === 'viewer') expect(screen.getByTestId('sim-readonly').textContent).toBe(REASON);
  });

  it('the scenario toolbar’s enrol dialog entry is locked', async () => {
    const api = createFakeApi();
    const created = await api.createScenario(WS1, { name: '登録テスト' });
    api.controls.accounts!.roles.set(WS1, new Map([[OWNER.id, role]]));
    act(() => navigate(`/workspaces/${WS1}/scenarios/${created.id}`));
    renderWithApi(<App />, api);
    await screen.findByTestId('open-enrol');
    expectLocked(role, ['open-enrol']);
  });
});

describe.each(['editor', 'admin'] as const)('a bound channel as %s', (role) => {
  beforeEach(() => {
    act(() => setLang('ja'));
    signedInForTests(['ws1'], role);
  });
  afterEach(cleanup);

  it('its LINE Login settings and removal need an admin; the webhook and callback URLs stay to copy', () => {
    const channel = {
      id: '33333333-3333-4333-8333-333333333333', workspaceId: 'ws1', name: '本番', lineChannelId: '1650000001', isFake: false,
      channelSecretHint: '…aaaa', accessTokenHint: '…xxxx', webhookUrl: 'https://x/webhooks/line/1', login: null,
      loginCallbackUrl: 'https://x/r/callback', createdAt: '2026-04-01T00:00:00.000Z',
    };
    render(<I18nextProvider i18n={i18n}><ul><ChannelCard channel={channel} onRemove={() => undefined} /></ul></I18nextProvider>);
    const locked = role === 'editor';
    for (const testId of ['channel-login-id', 'channel-login-secret', 'channel-login-save', 'channel-remove']) {
      const el = screen.getByTestId(testId);
      expect([testId, disabled(el)]).toEqual([testId, locked]);
      if (locked) expect(reasonOf(el)).toBe('管理者以上の権限が必要です（あなたは編集者です）');
    }
    expectUsable(['channel-copy-webhook', 'channel-login-copy-callback']);
  });
});
