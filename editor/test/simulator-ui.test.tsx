import { WS1, id } from './support/ids.ts';
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createFakeApi, createFakeLineApi } from './support/fake-runtime.ts';
import { App } from '../src/App.tsx';
import { navigate } from '../src/routing/router.ts';
import { resetWorkspacesForTests } from '../src/shell/workspaces.ts';
import { renderWithApi } from './setup.tsx';

function setUp() {
  const api = createFakeApi();
  api.controls.catalogues.set(WS1, {
    tags: [{ id: id('tag-bought'), name: '購入済み' }], tagFolders: [], fields: [],
    inflowRoutes: [{ id: id('route-ig'), name: 'Instagram' }], scenarios: [], links: [],
  });
  const line = createFakeLineApi();
  return { api, line };
}

describe('simulator', () => {
  beforeEach(() => {
    resetWorkspacesForTests();
    act(() => navigate(`/workspaces/${WS1}/simulator`));
  });
  afterEach(cleanup);

  it('adds a virtual friend with an inflow route and shows what LINE delivered, newest at the bottom', async () => {
    const { api, line } = setUp();
    renderWithApi(<App />, api, line);
    await screen.findByTestId('sim-no-friends');
    fireEvent.click(screen.getByTestId('sim-add-submit'));
    expect(screen.getByTestId('sim-add-invalid').textContent).toContain('表示名');

    fireEvent.change(screen.getByTestId('sim-add-name'), { target: { value: '花子' } });
    await waitFor(() => expect(screen.getByTestId('sim-add-route').querySelectorAll('option')).toHaveLength(2));
    fireEvent.change(screen.getByTestId('sim-add-route'), { target: { value: id('route-ig') } });
    fireEvent.click(screen.getByTestId('sim-add-submit'));
    const view = await screen.findByTestId('sim-friend-view');
    const [friend] = line.controls.friends.values();
    expect(friend?.inflowRouteId).toBe(id('route-ig'));
    await waitFor(() => expect(within(view).getByTestId('sim-friend-route').textContent).toContain('Instagram'));
    expect(screen.getAllByTestId('sim-friend')).toHaveLength(1);

    line.controls.deliver(friend!.id, [{ type: 'text', text: '花子さん、ようこそ' }]);
    line.controls.deliver(friend!.id, [{ type: 'sticker', packageId: '446', stickerId: '1988' }]);
    await waitFor(() => expect(within(view).getAllByTestId('chat-bubble')).toHaveLength(2));
    const kinds = within(view).getAllByTestId('chat-bubble').map((b) => b.getAttribute('data-kind'));
    expect(kinds).toEqual(['text', 'sticker']);
    expect(view.getAttribute('data-received')).toBe('2');
  });

  it('sends text, taps postback buttons and quick replies, blocks, unblocks and fast-forwards', async () => {
    const { api, line } = setUp();
    const friend = await line.addVirtualFriend(WS1, { displayName: '太郎' });
    line.controls.deliver(friend.id, [{
      type: 'template', altText: 'クーポン',
      template: { type: 'buttons', text: 'クーポンを受け取りますか', actions: [{ type: 'postback', label: '受け取る', data: 'coupon=yes' }] },
      quickReply: { items: [{ type: 'action', action: { type: 'message', label: 'はい', text: 'はい' } }] },
    }]);
    renderWithApi(<App />, api, line);
    const view = await screen.findByTestId('sim-friend-view');
    // Answers come over (mocked) HTTP: let the friend's chat load before typing into it.
    await waitFor(() => expect(within(view).getAllByTestId('chat-bubble')).toHaveLength(1));

    fireEvent.change(within(view).getByTestId('sim-text-input'), { target: { value: 'こんにちは' } });
    fireEvent.click(within(view).getByTestId('sim-send'));
    await waitFor(() => expect(line.controls.calls).toContain('sendText'));
    await waitFor(() => expect(within(view).getAllByTestId('chat-item').filter((i) => i.getAttribute('data-side') === 'friend')).toHaveLength(1));
    expect((within(view).getByTestId('sim-text-input') as HTMLInputElement).value).toBe('');

    fireEvent.click(await within(view).findByText('受け取る'));
    await waitFor(() => expect(line.controls.friends.get(friend.id)?.timeline[0]).toMatchObject({ kind: 'postback_received', detail: { data: 'coupon=yes' } }));

    line.controls.deliver(friend.id, [{ type: 'text', text: '最後', quickReply: { items: [{ type: 'action', action: { type: 'message', label: 'はい', text: 'はい' } }] } }]);
    const chip = await within(view).findByText('はい', { selector: '.quick-chip' });
    fireEvent.click(chip);
    await waitFor(() => expect(line.controls.friends.get(friend.id)?.timeline[0]).toMatchObject({ kind: 'message_received', detail: { text: 'はい' } }));

    fireEvent.change(within(view).getByTestId('sim-postback-input'), { target: { value: 'action=buy' } });
    fireEvent.click(within(view).getByTestId('sim-postback-send'));
    await waitFor(() => expect(line.controls.friends.get(friend.id)?.timeline[0]).toMatchObject({ kind: 'postback_received', detail: { data: 'action=buy' } }));

    line.controls.pendingWaits = 1;
    fireEvent.click(within(view).getByTestId('sim-fast-forward'));
    expect((await within(view).findByTestId('sim-fast-forward-result')).getAttribute('data-fired')).toBe('1');

    fireEvent.click(within(view).getByTestId('sim-block'));
    await waitFor(() => expect(view.getAttribute('data-status')).toBe('blocked'));
    expect((within(view).getByTestId('sim-text-input') as HTMLInputElement).disabled).toBe(true);
    await waitFor(() => expect(screen.getAllByTestId('sim-friend')[0]?.getAttribute('data-status')).toBe('blocked'));
    fireEvent.click(within(view).getByTestId('sim-fast-forward'));
    await waitFor(() => expect(within(view).getByTestId('sim-fast-forward-result').textContent).toBe('待機中のステップはありません'));
    fireEvent.click(within(view).getByTestId('sim-unblock'));
    await waitFor(() => expect(view.getAttribute('data-status')).toBe('active'));
  });

  it('adds and removes the friend’s tags', async () => {
    const { api, line } = setUp();
    const friend = await line.addVirtualFriend(WS1, { displayName: '次郎' });
    renderWithApi(<App />, api, line);
    const view = await screen.findByTestId('sim-friend-view');
    await waitFor(() => expect(within(view).getByTestId('sim-tag-add').querySelectorAll('option')).toHaveLength(2));
    fireEvent.change(within(view).getByTestId('sim-tag-add'), { target: { value: id('tag-bought') } });
    await waitFor(() => expect(within(view).getByTestId('sim-tag-chip').textContent).toContain('購入済み'));
    expect(line.controls.friends.get(friend.id)?.tagIds).toEqual([id('tag-bought')]);
    fireEvent.click(within(within(view).getByTestId('sim-tag-chip')).getByRole('button'));
    await waitFor(() => expect(within(view).queryByTestId('sim-tag-chip')).toBeNull());
  });

  it('says the runtime is down instead of showing an empty simulator', async () => {
    const { api, line } = setUp();
    line.controls.down = true;
    renderWithApi(<App />, api, line);
    const banners = await screen.findAllByTestId('error-banner');
    expect(banners.some((b) => b.textContent?.includes('サーバーに接続できません'))).toBe(true);
  });
});

describe('channel settings', () => {
  beforeEach(() => {
    resetWorkspacesForTests();
    act(() => navigate(`/workspaces/${WS1}/channels`));
  });
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });

  it('marks the fake channel, refuses bad credentials field by field, binds a real one and copies its webhook URL', async () => {
    const { api, line } = setUp();
    const writeText = vi.fn(async () => {});
    vi.stubGlobal('navigator', { ...navigator, clipboard: { writeText } });
    renderWithApi(<App />, api, line);
    const fake = await screen.findByTestId('channel-card');
    expect(fake.getAttribute('data-fake')).toBe('true');
    expect(within(fake).getByTestId('channel-kind').textContent).toBe('テスト用（Fake LINE）');
    expect(within(fake).queryByTestId('channel-remove')).toBeNull();

    fireEvent.change(screen.getByTestId('channel-name'), { target: { value: '渋谷店' } });
    fireEvent.change(screen.getByTestId('channel-id'), { target: { value: 'abc' } });
    fireEvent.change(screen.getByTestId('channel-secret'), { target: { value: '1234' } });
    fireEvent.click(screen.getByTestId('channel-submit'));
    expect(screen.getByTestId('channel-id-error').textContent).toContain('6〜20桁');
    expect(screen.getByTestId('channel-secret-error').textContent).toContain('32文字');
    expect(screen.getByTestId('channel-token-error').textContent).toContain('短すぎます');
    expect(screen.queryByTestId('channel-name-error')).toBeNull();
    expect(line.controls.calls).not.toContain('createChannel');

    fireEvent.change(screen.getByTestId('channel-id'), { target: { value: '1657000000' } });
    expect(screen.queryByTestId('channel-id-error')).toBeNull();
    fireEvent.change(screen.getByTestId('channel-secret'), { target: { value: '0123456789abcdef0123456789abcdef' } });
    fireEvent.change(screen.getByTestId('channel-token'), { target: { value: `${'t'.repeat(100)}\n` } });
    fireEvent.click(screen.getByTestId('channel-submit'));
    await screen.findByTestId('channel-created');
    await waitFor(() => expect(screen.getAllByTestId('channel-card')).toHaveLength(2));
    const real = screen.getAllByTestId('channel-card')[1]!;
    expect(within(real).getByTestId('channel-kind').textContent).toBe('LINE公式アカウント');
    expect(line.controls.channels[1]).toMatchObject({ lineChannelId: '1657000000', accessTokenHint: '…tttt' });

    const url = (within(real).getByTestId('channel-webhook-url') as HTMLInputElement).value;
    fireEvent.click(within(real).getByTestId('channel-copy-webhook'));
    await waitFor(() => expect(within(real).getByTestId('channel-copy-webhook').getAttribute('data-state')).toBe('copied'));
    expect(writeText).toHaveBeenCalledWith(url);

    fireEvent.click(within(real).getByTestId('channel-remove'));
    fireEvent.click(within(real).getByTestId('channel-remove-confirm'));
    await waitFor(() => expect(screen.getAllByTestId('channel-card')).toHaveLength(1));
  });
});
