import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Channel, InflowRouteDetail, RouteReport, SaveInflowRouteBody } from '@lsb/shared/api';
import { i18n, setLang } from '../src/i18n/index.ts';
import type { InflowApi } from '../src/inflow/api.ts';
import { ChannelLoginSettings } from '../src/inflow/ChannelLoginSettings.tsx';
import { InflowRoutesPage } from '../src/inflow/InflowRoutesPage.tsx';
import { signedInForTests } from './support/fake-accounts.ts';

// The pages disable what a role may not use: these tests act as the workspace's owner.
beforeEach(() => signedInForTests(['ws1']));

// The 流入経路 page against a small in-test API: only the methods the page calls.

const TAG = { id: '11111111-1111-4111-8111-111111111111', name: 'Instagram経由', folderId: null };
const SCENARIO = { id: '22222222-2222-4222-8222-222222222222', name: '経路ウェルカム' };

function channel(overrides: Partial<Channel> = {}): Channel {
  return {
    id: '33333333-3333-4333-8333-333333333333', workspaceId: 'ws1', name: '本番', lineChannelId: '1650000001', isFake: false,
    channelSecretHint: '…aaaa', accessTokenHint: '…xxxx', webhookUrl: 'https://x/webhooks/line/1', login: null,
    loginCallbackUrl: 'https://x/r/callback', createdAt: '2026-04-01T00:00:00.000Z', ...overrides,
  };
}

function makeApi() {
  const routes: InflowRouteDetail[] = [];
  const report: RouteReport = {
    from: '2026-04-09', to: '2026-04-10', timeZone: 'Asia/Tokyo', conversionsAvailable: false,
    routes: [{
      routeId: 'r-existing', name: '店頭POP', deleted: false,
      days: [{ date: '2026-04-09', added: 2, blocked: 0, converted: null }, { date: '2026-04-10', added: 3, blocked: 1, converted: null }],
      totals: { added: 5, blocked: 1, converted: null },
    }],
  };
  const api = {
    listRoutes: vi.fn(async () => structuredClone(routes)),
    createRoute: vi.fn(async (_ws: string, body: SaveInflowRouteBody) => {
      const route: InflowRouteDetail = {
        id: `route-${routes.length + 1}`, name: body.name, code: body.code ?? 'r-auto', channelId: null,
        actions: body.actions ?? { tagIds: [], scenarioId: null, repeat: 'firstTimeOnly' },
        url: `https://x/r/route-${routes.length + 1}`, createdAt: '2026-04-10T00:00:00.000Z',
      };
      routes.push(route);
      return route;
    }),
    updateRoute: vi.fn(async (_ws: string, id: string, body: SaveInflowRouteBody) => {
      const route = routes.find((r) => r.id === id)!;
      Object.assign(route, { name: body.name, actions: body.actions ?? route.actions });
      return route;
    }),
    deleteRoute: vi.fn(async (_ws: string, id: string) => { routes.splice(routes.findIndex((r) => r.id === id), 1); }),
    report: vi.fn(async () => report),
    catalogue: vi.fn(async () => ({ tags: [TAG], scenarios: [SCENARIO] })),
    listChannels: vi.fn(async () => [channel()]),
    saveChannelLogin: vi.fn(async (_ws: string, _id: string, body: { loginChannelId: string; basicId?: string | null }) =>
      channel({ login: { loginChannelId: body.loginChannelId, loginChannelSecretHint: '…c0de', basicId: body.basicId ?? null } })),
    qrUrl: (_ws: string, id: string, format: 'png' | 'svg') => `/api/workspaces/ws1/inflow-routes/${id}/qr?format=${format}`,
  } satisfies InflowApi;
  return api;
}

const renderPage = (api: InflowApi) =>
  render(<I18nextProvider i18n={i18n}><InflowRoutesPage ws="ws1" api={api} /></I18nextProvider>);

afterEach(() => {
  cleanup();
  act(() => setLang('ja'));
});

describe('inflow routes page', () => {
  it('refuses an empty name or a bad code without calling the API', async () => {
    const api = makeApi();
    renderPage(api);
    fireEvent.click(await screen.findByTestId('route-save'));
    expect(screen.getByTestId('route-name-error').textContent).toBe('経路名を入力してください（100文字まで）');
    fireEvent.change(screen.getByTestId('route-name'), { target: { value: 'チラシ' } });
    fireEvent.change(screen.getByTestId('route-code'), { target: { value: 'Bad_Code' } });
    fireEvent.click(screen.getByTestId('route-save'));
    expect(screen.getByTestId('route-code-error')).toBeTruthy();
    expect(api.createRoute).not.toHaveBeenCalled();
  });

  it('creates a route with a tag, a scenario and "every time", then shows its URL and QR downloads', async () => {
    const api = makeApi();
    renderPage(api);
    fireEvent.change(await screen.findByTestId('route-name'), { target: { value: 'Instagramプロフィール' } });
    fireEvent.change(screen.getByTestId('route-code'), { target: { value: 'insta' } });
    fireEvent.click(screen.getByTestId(`route-tag-${TAG.name}`));
    fireEvent.change(screen.getByTestId('route-scenario'), { target: { value: SCENARIO.id } });
    fireEvent.click(screen.getByTestId('route-repeat-everyTime'));
    fireEvent.click(screen.getByTestId('route-save'));

    await waitFor(() => expect(api.createRoute).toHaveBeenCalledWith('ws1', {
      name: 'Instagramプロフィール', code: 'insta', actions: { tagIds: [TAG.id], scenarioId: SCENARIO.id, repeat: 'everyTime' },
    }));
    const card = await screen.findByTestId('route-card');
    expect(screen.getByTestId('route-notice').textContent).toBe('「Instagramプロフィール」を作成しました');
    expect((within(card).getByTestId('route-url') as HTMLInputElement).value).toBe('https://x/r/route-1');
    expect(within(card).getByTestId('route-qr-png').getAttribute('href')).toBe('/api/workspaces/ws1/inflow-routes/route-1/qr?format=png');
    expect(within(card).getByTestId('route-qr-svg').getAttribute('download')).toBe('inflow-route-insta.svg');
    expect(within(card).getByTestId('route-card-summary').textContent).toBe('タグ 1個 / シナリオ: 経路ウェルカム / 毎回（この経路を開くたび）');

    // Editing starts from what was saved and sends the change.
    fireEvent.click(within(card).getByTestId('route-edit'));
    expect((screen.getByTestId('route-name') as HTMLInputElement).value).toBe('Instagramプロフィール');
    expect((screen.getByTestId(`route-tag-${TAG.name}`) as HTMLInputElement).checked).toBe(true);
    fireEvent.click(screen.getByTestId('route-repeat-firstTimeOnly'));
    fireEvent.click(screen.getByTestId('route-save'));
    await waitFor(() => expect(api.updateRoute).toHaveBeenCalledWith('ws1', 'route-1', expect.objectContaining({
      actions: { tagIds: [TAG.id], scenarioId: SCENARIO.id, repeat: 'firstTimeOnly' },
    })));
  });

  it('shows the report per route with conversions marked as not measured yet, in English too', async () => {
    const api = makeApi();
    renderPage(api);
    const row = await screen.findByTestId('report-row');
    expect(within(row).getByTestId('report-added').textContent).toBe('5');
    expect(within(row).getByTestId('report-blocked').textContent).toBe('1');
    expect(row.textContent).toContain('計測準備中');
    // First the runtime's default range (its zone), shown in the date pickers; a new date asks again.
    expect(api.report).toHaveBeenCalledWith('ws1', {});
    expect((screen.getByTestId('report-from') as HTMLInputElement).value).toBe('2026-04-09');
    fireEvent.change(screen.getByTestId('report-from'), { target: { value: '2026-04-01' } });
    await waitFor(() => expect(api.report).toHaveBeenLastCalledWith('ws1', { from: '2026-04-01', to: '2026-04-10' }));
    expect(screen.getByTestId('report-chart').getAttribute('aria-label')).toBe('日別の友だち追加数、ブロック数、コンバージョンした友だちの数のグラフ');
    act(() => setLang('en'));
    expect(screen.getByTestId('report-conversions-note').textContent).toBe('Conversions are not measured yet, so they cannot be shown.');
    expect(screen.getByRole('heading', { level: 2 }).textContent).toBe('Inflow routes');
  });
});

describe('inflow route report with conversions', () => {
  it('shows converted friends per route in the table and chart, explains the total, and downloads per route and day as CSV, in ja and en', async () => {
    const api = makeApi();
    api.report.mockResolvedValue({
      from: '2026-04-09', to: '2026-04-10', timeZone: 'Asia/Tokyo', conversionsAvailable: true,
      routes: [{
        routeId: 'r-existing', name: '店頭POP', deleted: false,
        days: [{ date: '2026-04-09', added: 2, blocked: 0, converted: 1 }, { date: '2026-04-10', added: 3, blocked: 1, converted: 2 }],
        // One friend converted on both days: 2 in the period, not 3.
        totals: { added: 5, blocked: 1, converted: 2 },
      }],
    });
    let blob: Blob | undefined;
    const downloads: Array<{ name: string; text: Promise<string> }> = [];
    vi.spyOn(URL, 'createObjectURL').mockImplementation((b) => { blob = b as Blob; return 'blob:x'; });
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      if (blob) downloads.push({ name: this.download, text: blob.arrayBuffer().then((b) => new TextDecoder('utf-8', { ignoreBOM: true }).decode(b)) });
    });
    try {
      renderPage(api);
      const row = await screen.findByTestId('report-row');
      expect(within(row).getByTestId('report-converted').textContent).toBe('2');
      expect(screen.getByTestId('report-table').querySelector('thead')!.textContent).toContain('コンバージョンした友だち');
      expect(screen.getByTestId('report-conversions-note').textContent).toContain('合計も期間内で1人1回');
      expect(screen.getByTestId('report-chart').getAttribute('aria-label')).toBe('日別の友だち追加数、ブロック数、コンバージョンした友だちの数のグラフ');

      fireEvent.click(screen.getByTestId('report-csv'));
      await waitFor(() => expect(downloads).toHaveLength(1));
      expect(downloads[0]!.name).toBe('inflow-routes-2026-04-09_2026-04-10.csv');
      expect(await downloads[0]!.text).toBe('\uFEFF経路,日付,友だち追加,ブロック,コンバージョンした友だち\r\n店頭POP,2026-04-09,2,0,1\r\n店頭POP,2026-04-10,3,1,2\r\n');

      act(() => setLang('en'));
      expect(screen.getByTestId('report-table').querySelector('thead')!.textContent).toContain('Converted friends');
      expect(screen.getByTestId('report-conversions-note').textContent).toContain('once in the total');
      fireEvent.click(screen.getByTestId('report-csv'));
      await waitFor(() => expect(downloads).toHaveLength(2));
      expect(await downloads[1]!.text).toBe('\uFEFFRoute,Date,Friends added,Blocked,Converted friends\r\n店頭POP,2026-04-09,2,0,1\r\n店頭POP,2026-04-10,3,1,2\r\n');
    } finally {
      vi.restoreAllMocks();
    }
  });
});

describe('channel LINE Login settings', () => {
  it('checks the fields, then saves and shows the secret only as a hint', async () => {
    const api = makeApi();
    render(<I18nextProvider i18n={i18n}><ChannelLoginSettings ws="ws1" channel={channel()} api={api} /></I18nextProvider>);
    expect(screen.getByTestId('channel-login-status').textContent).toContain('未設定');
    fireEvent.change(screen.getByTestId('channel-login-id'), { target: { value: '12' } });
    fireEvent.click(screen.getByTestId('channel-login-save'));
    expect(await screen.findAllByRole('alert')).toHaveLength(2);
    expect(api.saveChannelLogin).not.toHaveBeenCalled();

    fireEvent.change(screen.getByTestId('channel-login-id'), { target: { value: '1650000002' } });
    fireEvent.change(screen.getByTestId('channel-login-secret'), { target: { value: `${'b'.repeat(28)}c0de` } });
    fireEvent.change(screen.getByTestId('channel-login-basic-id'), { target: { value: '@shop' } });
    fireEvent.click(screen.getByTestId('channel-login-save'));
    await waitFor(() => expect(screen.getByTestId('channel-login-status').textContent).toBe('設定済み（チャネルID 1650000002）'));
    expect(api.saveChannelLogin).toHaveBeenCalledWith('ws1', channel().id, { loginChannelId: '1650000002', loginChannelSecret: `${'b'.repeat(28)}c0de`, basicId: '@shop' });
    expect((screen.getByTestId('channel-login-secret') as HTMLInputElement).value).toBe('');
  });
});
