import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CatalogueApi, FriendDetail } from '../src/api/CatalogueApi.ts';
import { CatalogueApiProvider } from '../src/api/CatalogueApiContext.tsx';
import { ApiError } from '../src/api/errors.ts';
import type { WorkspaceCatalogue } from '../src/api/types.ts';
import { FriendPage } from '../src/friends/FriendPage.tsx';
import { i18n } from '../src/i18n/index.ts';
import { signedInForTests } from './support/fake-accounts.ts';

// The pages disable what a role may not use: these tests act as the workspace's owner.
beforeEach(() => signedInForTests(['ws1']));

// The friend detail (shared by the friend page and the simulator): every field edited by its kind.

const catalogue: WorkspaceCatalogue = {
  tags: [{ id: 'tag-vip', name: 'VIP' }], tagFolders: [],
  fields: [
    { id: 'f-visit', name: '予約日', kind: 'date' },
    { id: 'f-spend', name: '年間利用額', kind: 'number' },
    { id: 'f-plan', name: 'プラン', kind: 'choice', choices: ['松', '竹'] },
    { id: 'f-memo', name: 'メモ', kind: 'text' },
  ],
  inflowRoutes: [{ id: 'r-ig', name: 'Instagram' }], scenarios: [], links: [],
};

function friendApi(options: { refuse?: Record<string, string> } = {}) {
  const friend: FriendDetail = {
    id: 'fr1', channelId: 'c1', lineUserId: 'U1', displayName: '花子', status: 'active', inflowRouteId: 'r-ig',
    registeredAt: '2026-04-01T00:00:00.000Z', lastReactionAt: null, tagIds: [], fields: { 'f-memo': '窓際' }, runs: [], timeline: [],
  };
  const setFriendFields = vi.fn(async (_ws: string, _id: string, values: Record<string, string | number | null>) => {
    if (options.refuse) throw new ApiError(400, 'invalid_field_value', 'Some values do not fit their field.', { fields: options.refuse });
    for (const [key, value] of Object.entries(values)) {
      if (value === null) delete friend.fields[key];
      else friend.fields[key] = value;
    }
    return structuredClone(friend);
  });
  const setFriendTags = vi.fn(async (_ws: string, _id: string, change: { add?: string[] }) => {
    friend.tagIds.push(...(change.add ?? []));
    return structuredClone(friend);
  });
  const api = {
    getCatalogue: async () => catalogue,
    getFriend: async () => structuredClone(friend),
    setFriendFields,
    setFriendTags,
  } as unknown as CatalogueApi;
  return { api, friend, setFriendFields, setFriendTags };
}

const renderPage = (api: CatalogueApi) => render(
  <I18nextProvider i18n={i18n}>
    <CatalogueApiProvider api={api}><FriendPage ws="ws1" friendId="fr1" /></CatalogueApiProvider>
  </I18nextProvider>,
);
const input = (name: string) => screen.getByLabelText(new RegExp(name)) as HTMLInputElement;

describe('friend detail', () => {
  beforeEach(() => act(() => void i18n.changeLanguage('ja')));
  afterEach(cleanup);

  it('shows each field with the input of its kind, the route and the stored values', async () => {
    renderPage(friendApi().api);
    await screen.findByTestId('friend-fields');
    expect(input('予約日').type).toBe('date');
    expect(input('年間利用額').inputMode).toBe('decimal');
    expect(input('プラン').tagName).toBe('SELECT');
    expect(input('メモ').value).toBe('窓際');
    expect(screen.getByTestId('friend-route').textContent).toBe('Instagram');
  });

  it('sets 予約日 = 12/10 and 年間利用額 = 350,000 in one save, and shows them formatted', async () => {
    const { api, setFriendFields, friend } = friendApi();
    renderPage(api);
    await screen.findByTestId('friend-fields');
    fireEvent.change(input('予約日'), { target: { value: '2026-12-10' } });
    fireEvent.change(input('年間利用額'), { target: { value: '350,000' } });
    fireEvent.change(input('プラン'), { target: { value: '竹' } });
    fireEvent.click(screen.getByTestId('friend-fields-save'));
    await screen.findByTestId('friend-fields-saved');
    expect(setFriendFields).toHaveBeenCalledTimes(1);
    expect(setFriendFields).toHaveBeenCalledWith('ws1', 'fr1', { 'f-visit': '2026-12-10', 'f-spend': 350000, 'f-plan': '竹' });
    expect(friend.fields).toEqual({ 'f-memo': '窓際', 'f-visit': '2026-12-10', 'f-spend': 350000, 'f-plan': '竹' });
    await waitFor(() => expect(screen.getByTestId('friend-field-formatted').textContent).toBe('350,000'));
    expect(input('予約日').value).toBe('2026-12-10');
  });

  it('a word in a number field is refused before sending, beside the field; nothing is saved', async () => {
    const { api, setFriendFields } = friendApi();
    renderPage(api);
    await screen.findByTestId('friend-fields');
    fireEvent.change(input('予約日'), { target: { value: '2026-12-10' } });
    fireEvent.change(input('年間利用額'), { target: { value: '35万' } });
    fireEvent.click(screen.getByTestId('friend-fields-save'));
    expect((await screen.findByTestId('friend-field-problem')).textContent).toBe('数値を入力してください（例: 350000）');
    expect(screen.getByTestId('friend-fields-error').textContent).toContain('保存していません');
    expect(setFriendFields).not.toHaveBeenCalled();
    expect(input('予約日').value).toBe('2026-12-10');
  });

  it('a value the server refuses by kind keeps every edit on screen with the reason, no raw code', async () => {
    const { api, friend } = friendApi({ refuse: { 'f-plan': 'notChoice' } });
    renderPage(api);
    await screen.findByTestId('friend-fields');
    fireEvent.change(input('メモ'), { target: { value: '書き換え' } });
    fireEvent.change(input('プラン'), { target: { value: '竹' } });
    fireEvent.click(screen.getByTestId('friend-fields-save'));
    const problem = await screen.findByTestId('friend-field-problem');
    expect(problem.textContent).toBe('選択肢から選んでください');
    expect(problem.closest('[data-testid="friend-field"]')?.getAttribute('data-field-kind')).toBe('choice');
    expect(document.body.textContent).not.toContain('invalid_field_value');
    expect(input('メモ').value).toBe('書き換え');
    expect(friend.fields).toEqual({ 'f-memo': '窓際' });
    expect(screen.queryByTestId('friend-fields-saved')).toBeNull();
  });

  it('adds a tag to the friend', async () => {
    const { api, setFriendTags } = friendApi();
    renderPage(api);
    const tags = await screen.findByTestId('sim-tags');
    await waitFor(() => expect(within(tags).getByTestId('sim-tag-add').querySelectorAll('option')).toHaveLength(2));
    fireEvent.change(within(tags).getByTestId('sim-tag-add'), { target: { value: 'tag-vip' } });
    await waitFor(() => expect(within(tags).getByTestId('sim-tag-chip').textContent).toContain('VIP'));
    expect(setFriendTags).toHaveBeenCalledWith('ws1', 'fr1', { add: ['tag-vip'] });
  });
});
