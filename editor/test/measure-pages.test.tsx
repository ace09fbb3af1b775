import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { ReactElement } from 'react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ConversionPoint, CrossBody, CrossTable, RfmSettings, SaveConversionPointBody } from '@lsb/shared/api';
import { DEFAULT_RFM_SETTINGS } from '@lsb/shared/api';
import { CatalogueApiProvider } from '../src/api/CatalogueApiContext.tsx';
import type { CatalogueApi } from '../src/api/CatalogueApi.ts';
import { ApiError } from '../src/api/errors.ts';
import { i18n, setLang } from '../src/i18n/index.ts';
import { MeasureApiProvider, type MeasureApi } from '../src/measure/api.ts';
import { ConversionsPage } from '../src/measure/conversions/ConversionsPage.tsx';
import { FriendConversions } from '../src/measure/conversions/FriendConversions.tsx';
import { CrossAnalysisPage } from '../src/measure/cross/CrossAnalysisPage.tsx';
import { BroadcastMeasureView } from '../src/measure/broadcast/BroadcastMeasureView.tsx';
import { SaveAsSegment } from '../src/measure/cross/SaveAsSegment.tsx';
import { filterFromAddress } from '../src/measure/friendsLink.ts';
import { toCsv } from '../src/measure/csv.ts';
import { SegmentsApiProvider, type SegmentsApi } from '../src/segments/SegmentsApi.ts';
import { signedInForTests } from './support/fake-accounts.ts';

// The コンバージョン page (points, how to record, RFM), recording by hand on the friend page and
// クロス分析 down to the friends filter and 「セグメントとして保存」, against small in-test APIs.

const WS = 'ws1';
const TAG = { id: '11111111-1111-4111-8111-111111111111', name: '購入者', folderId: null };
const ROUTE_TAG = { id: '55555555-5555-4555-8555-555555555555', name: 'Instagram経由', folderId: null };

function point(overrides: Partial<ConversionPoint> = {}): ConversionPoint {
  return {
    id: '22222222-2222-4222-8222-222222222222', name: '商品購入', defaultValue: 4980, urls: ['https://shop.example.jp/thanks'], addTagIds: [],
    attributionDays: 7, createdAt: '2026-04-01T00:00:00.000Z', count: 3, totalValue: 14940,
    pixelUrl: 'https://lsb.example/c/22222222-2222-4222-8222-222222222222/pixel.gif?ct={ct}',
    redirectUrl: 'https://lsb.example/c/22222222-2222-4222-8222-222222222222/go?ct={ct}', ...overrides,
  };
}

function makeApi() {
  const points: ConversionPoint[] = [];
  let rfm: RfmSettings = structuredClone(DEFAULT_RFM_SETTINGS);
  const cross: CrossTable = {
    rows: [
      { key: 'tag:a', label: '購入者', count: 40, condition: { kind: 'tag', tagId: TAG.id, has: true } },
      { key: 'tag:b', label: 'Instagram経由', count: 60, condition: { kind: 'tag', tagId: ROUTE_TAG.id, has: true } },
    ],
    columns: [
      { key: 'friendStatus:active', label: '', builtin: 'active', count: 80, condition: { kind: 'friendStatus', status: 'active' } },
      { key: 'friendStatus:blocked', label: '', builtin: 'blocked', count: 20, condition: { kind: 'friendStatus', status: 'blocked' } },
    ],
    cells: [[30, 10], [50, 10]],
    total: 100,
  };
  return {
    listPoints: vi.fn(async () => ({ points: structuredClone(points) })),
    createPoint: vi.fn(async (_ws: string, body: SaveConversionPointBody) => {
      if (points.some((p) => p.name === body.name)) throw new ApiError(409, 'conversion_point_name_taken', 'taken');
      const created = point({ id: `33333333-3333-4333-8333-33333333333${points.length}`, name: body.name, defaultValue: body.defaultValue ?? null, urls: body.urls ?? [], addTagIds: body.addTagIds ?? [], attributionDays: body.attributionDays ?? 7, count: 0, totalValue: 0 });
      points.push(created);
      return created;
    }),
    updatePoint: vi.fn(),
    deletePoint: vi.fn(),
    friendConversions: vi.fn(async () => ({ conversions: [] })),
    recordManual: vi.fn(async (_ws: string, friendId: string, body: { pointId: string; value?: number | string; orderId?: string }) => ({
      duplicate: body.orderId === 'A-1',
      conversion: { id: '66666666-6666-4666-8666-666666666666', pointId: body.pointId, name: '商品購入', friendId, value: Number(body.value ?? 4980), orderId: body.orderId ?? null, source: 'manual' as const, attribution: null, at: '2026-04-10T03:00:00.000Z' },
    })),
    nodeMeasures: vi.fn(), analytics: vi.fn(), chooseWinner: vi.fn(), clearWinner: vi.fn(), broadcastMeasure: vi.fn(),
    cross: vi.fn(async (_ws: string, _body: CrossBody) => cross),
    getRfm: vi.fn(async () => structuredClone(rfm)),
    saveRfm: vi.fn(async (_ws: string, next: RfmSettings) => { rfm = next; return next; }),
    rfmSummary: vi.fn(async () => ({
      converted: 12,
      recency: rfm.recency.map((b, i) => ({ bandId: b.id, label: b.label, count: [7, 3, 2][i] ?? 0, condition: { kind: 'rfm', metric: 'recency', ...(b.min === undefined ? {} : { min: b.min }), ...(b.max === undefined ? {} : { max: b.max }) } })),
      frequency: [], monetary: [],
    })),
    points,
  } satisfies MeasureApi & { points: ConversionPoint[] };
}

const catalogueApi = { getCatalogue: async () => ({ tags: [TAG, ROUTE_TAG], tagFolders: [], fields: [], inflowRoutes: [], scenarios: [], links: [] }) } as unknown as CatalogueApi;

function renderWith(ui: ReactElement, api: MeasureApi, segments?: Partial<SegmentsApi>) {
  const inner = <CatalogueApiProvider api={catalogueApi}><MeasureApiProvider api={api}>{ui}</MeasureApiProvider></CatalogueApiProvider>;
  return render(<I18nextProvider i18n={i18n}>{segments ? <SegmentsApiProvider api={segments as SegmentsApi}>{inner}</SegmentsApiProvider> : inner}</I18nextProvider>);
}

beforeEach(() => signedInForTests([WS]));
afterEach(() => {
  cleanup();
  act(() => setLang('ja'));
  window.history.replaceState(null, '', '/');
});

describe('conversions page', () => {
  it('refuses a bad value, URL or window without calling the API, then creates the point with its tags', async () => {
    const api = makeApi();
    renderWith(<ConversionsPage ws={WS} />, api);
    fireEvent.click(await screen.findByTestId('point-save'));
    expect(screen.getByTestId('point-name-error').textContent).toBe('名前を入力してください（100文字まで）');
    fireEvent.change(screen.getByTestId('point-name'), { target: { value: '商品購入' } });
    fireEvent.change(screen.getByTestId('point-value'), { target: { value: '-5' } });
    fireEvent.change(screen.getByTestId('point-urls'), { target: { value: 'javascript:alert(1)' } });
    fireEvent.change(screen.getByTestId('point-days'), { target: { value: '120' } });
    fireEvent.click(screen.getByTestId('point-save'));
    expect(screen.getByTestId('point-value-error').textContent).toBe('金額は0以上の数字で、小数は2桁までです');
    expect(screen.getByTestId('point-urls-error')).toBeTruthy();
    expect(screen.getByTestId('point-days-error').textContent).toBe('1〜90日で指定してください');
    expect(api.createPoint).not.toHaveBeenCalled();

    fireEvent.change(screen.getByTestId('point-value'), { target: { value: '4980' } });
    fireEvent.change(screen.getByTestId('point-urls'), { target: { value: 'https://shop.example.jp/thanks\n\n https://shop.example.jp/thanks2 ' } });
    fireEvent.change(screen.getByTestId('point-days'), { target: { value: '14' } });
    fireEvent.click(await screen.findByTestId(`point-tag-${TAG.name}`));
    fireEvent.click(screen.getByTestId('point-save'));
    await waitFor(() => expect(api.createPoint).toHaveBeenCalledWith(WS, {
      name: '商品購入', defaultValue: 4980, urls: ['https://shop.example.jp/thanks', 'https://shop.example.jp/thanks2'], addTagIds: [TAG.id], attributionDays: 14,
    }));
    expect((await screen.findByTestId('point-notice')).textContent).toBe('「商品購入」を作成しました');
    const card = await screen.findByTestId('point-card');
    expect(within(card).getByTestId('point-card-summary').textContent).toBe('0件・合計 0円・計測期間 14日 · 既定の金額 4,980円');
    // The recording help opens right after creating: the API call with a token, the pixel with lsb_ct, the redirect.
    const help = within(card).getByTestId('recording-help');
    expect(within(help).getByTestId('snippet-api').textContent).toContain(`/api/workspaces/${WS}/conversions`);
    expect(within(help).getByTestId('snippet-api').textContent).toContain('Authorization: Bearer');
    expect(within(help).getByTestId('snippet-api').textContent).toContain('"orderId"');
    expect(within(help).getByTestId('snippet-pixel').textContent).toContain("get('lsb_ct')");
    expect(within(help).getByTestId('snippet-pixel').textContent).toContain('/pixel.gif?ct={ct}');
    expect(within(help).getByTestId('snippet-redirect').textContent).toContain('/go?ct={ct}');

    // The same name again: the runtime's refusal in words.
    fireEvent.change(screen.getByTestId('point-name'), { target: { value: '商品購入' } });
    fireEvent.click(screen.getByTestId('point-save'));
    expect((await screen.findByTestId('measure-error')).textContent).toBe('同じ名前のコンバージョンポイントがあります');
  });

  it('sets RFM bands (a bad range is refused first), with an auto-tag, and shows friends per band', async () => {
    const api = makeApi();
    renderWith(<ConversionsPage ws={WS} />, api);
    const recency = await screen.findByTestId('rfm-recency');
    await waitFor(() => expect(within(recency).getAllByTestId('rfm-count').map((a) => a.textContent)).toEqual(['7人', '3人', '2人']));
    expect(within(recency).getAllByTestId('rfm-label').map((i) => (i as HTMLInputElement).value)).toEqual(['30日以内', '31–90日', '91日以上']);
    const link = within(recency).getAllByTestId('rfm-count')[1]!.getAttribute('href')!;
    expect(filterFromAddress(new URL(link, 'http://x').search)?.condition).toEqual({ kind: 'rfm', metric: 'recency', min: 31, max: 90 });

    const second = within(recency).getAllByTestId('rfm-band')[1]!;
    fireEvent.change(within(second).getByTestId('rfm-min'), { target: { value: '100' } });
    fireEvent.click(screen.getByTestId('rfm-save'));
    expect(screen.getByTestId('rfm-problem').textContent).toContain('区分の範囲が正しくありません');
    expect(api.saveRfm).not.toHaveBeenCalled();

    fireEvent.change(within(second).getByTestId('rfm-min'), { target: { value: '31' } });
    fireEvent.change(within(second).getByTestId('rfm-max'), { target: { value: '60' } });
    fireEvent.change(within(within(recency).getAllByTestId('rfm-band')[2]!).getByTestId('rfm-min'), { target: { value: '61' } });
    fireEvent.change(within(recency).getAllByTestId('rfm-tag')[0]!, { target: { value: TAG.id } });
    fireEvent.click(screen.getByTestId('rfm-save'));
    await waitFor(() => expect(api.saveRfm).toHaveBeenCalled());
    const saved = api.saveRfm.mock.calls[0]![1];
    expect(saved.recency).toEqual([
      { id: 'r1', label: '30日以内', max: 30, tagId: TAG.id }, { id: 'r2', label: '31–90日', min: 31, max: 60 }, { id: 'r3', label: '91日以上', min: 61 },
    ]);
    expect((await screen.findByTestId('rfm-saved')).textContent).toBe('RFMの設定を保存しました');
  });
});

describe('recording a conversion by hand on the friend page', () => {
  it('records with a value and an order number; the same order again changes nothing and says so, in English too', async () => {
    const api = makeApi();
    api.points.push(point());
    const friendId = '77777777-7777-4777-8777-777777777777';
    renderWith(<FriendConversions ws={WS} friendId={friendId} timeZone="Asia/Tokyo" />, api);
    expect((await screen.findByTestId('friend-conversions-none')).textContent).toBe('まだコンバージョンはありません');
    await waitFor(() => expect(screen.getAllByRole('option').map((o) => o.textContent)).toContain('商品購入'));
    fireEvent.change(screen.getByTestId('friend-conversion-point'), { target: { value: point().id } });
    fireEvent.change(screen.getByTestId('friend-conversion-value'), { target: { value: 'abc' } });
    fireEvent.click(screen.getByTestId('friend-conversion-submit'));
    expect(screen.getByTestId('friend-conversion-error').textContent).toBe('金額は0以上の数字で、小数は2桁までです');
    expect(api.recordManual).not.toHaveBeenCalled();

    fireEvent.change(screen.getByTestId('friend-conversion-value'), { target: { value: '1980' } });
    fireEvent.change(screen.getByTestId('friend-conversion-order'), { target: { value: 'B-7' } });
    fireEvent.click(screen.getByTestId('friend-conversion-submit'));
    await waitFor(() => expect(api.recordManual).toHaveBeenCalledWith(WS, friendId, { pointId: point().id, value: 1980, orderId: 'B-7' }));
    expect((await screen.findByTestId('friend-conversion-notice')).textContent).toBe('「商品購入」を記録しました');
    expect(api.friendConversions).toHaveBeenCalledTimes(2);

    act(() => setLang('en'));
    fireEvent.change(screen.getByTestId('friend-conversion-order'), { target: { value: 'A-1' } });
    fireEvent.click(screen.getByTestId('friend-conversion-submit'));
    await waitFor(() => expect(screen.getByTestId('friend-conversion-notice').textContent).toBe('This order number was already recorded (nothing changed)'));
  });
});

describe('cross analysis', () => {
  it('counts tags against status with row, column and total percentages; a cell opens those friends', async () => {
    const api = makeApi();
    renderWith(<CrossAnalysisPage ws={WS} />, api);
    fireEvent.change(await screen.findByTestId('cross-rows-kind'), { target: { value: 'tag' } });
    fireEvent.change(screen.getByTestId('cross-columns-kind'), { target: { value: 'friendStatus' } });
    fireEvent.click(screen.getByTestId('cross-run'));
    expect(screen.getByTestId('cross-problem').textContent).toBe('タグを1つ以上選んでください');
    expect(api.cross).not.toHaveBeenCalled();
    fireEvent.click(await screen.findByTestId(`cross-rows-tag-${TAG.name}`));
    fireEvent.click(screen.getByTestId(`cross-rows-tag-${ROUTE_TAG.name}`));
    fireEvent.click(screen.getByTestId('cross-run'));
    await waitFor(() => expect(api.cross).toHaveBeenCalledWith(WS, { rows: { kind: 'tag', tagIds: [TAG.id, ROUTE_TAG.id] }, columns: { kind: 'friendStatus' } }));
    const cells = await screen.findAllByTestId('cross-cell');
    expect(screen.getAllByRole('columnheader').map((th) => th.textContent)).toEqual(['', '友だち', 'ブロック', '計']);
    // Of the row (default): 30 of 40 購入者 are friends.
    expect(cells.map((c) => c.textContent)).toEqual(['3075.0%', '1025.0%', '5083.3%', '1016.7%']);
    fireEvent.click(screen.getByTestId('cross-base-column'));
    expect(cells[0]!.textContent).toBe('3037.5%');
    fireEvent.click(screen.getByTestId('cross-base-total'));
    expect(cells[3]!.textContent).toBe('1010.0%');
    expect(screen.getByTestId('cross-total').textContent).toBe('100');

    fireEvent.click(cells[1]!);
    expect(window.location.pathname).toBe(`/workspaces/${WS}/friends`);
    const filter = filterFromAddress(window.location.search);
    expect(filter).toEqual({
      condition: { kind: 'and', conditions: [{ kind: 'tag', tagId: TAG.id, has: true }, { kind: 'friendStatus', status: 'blocked' }] },
      label: '購入者 × ブロック',
    });
  });

  it('saves the friends filter it opened as a segment', async () => {
    const createSegment = vi.fn(async (_ws: string, input: { name: string; condition: unknown }) => ({ id: '88888888-8888-4888-8888-888888888888', name: input.name }));
    const condition = { kind: 'and' as const, conditions: [{ kind: 'tag' as const, tagId: TAG.id, has: true }, { kind: 'friendStatus' as const, status: 'blocked' as const }] };
    const onSaved = vi.fn();
    renderWith(<SaveAsSegment ws={WS} condition={condition} suggestedName="購入者 × ブロック" onSaved={onSaved} />, makeApi(), { createSegment } as unknown as Partial<SegmentsApi>);
    fireEvent.click(screen.getByTestId('save-segment-open'));
    expect((screen.getByTestId('save-segment-name') as HTMLInputElement).value).toBe('購入者 × ブロック');
    fireEvent.change(screen.getByTestId('save-segment-name'), { target: { value: '休眠した購入者' } });
    fireEvent.click(screen.getByTestId('save-segment-submit'));
    await waitFor(() => expect(createSegment).toHaveBeenCalledWith(WS, { name: '休眠した購入者', condition }));
    expect((await screen.findByTestId('save-segment-done')).textContent).toBe('セグメント「休眠した購入者」を保存しました');
    expect(onSaved).toHaveBeenCalled();
  });

  it('ignores an address whose condition is not a condition', () => {
    expect(filterFromAddress('?condition=%7B%22x%22%3A1%7D')).toBeUndefined();
    expect(filterFromAddress('?condition=not-json')).toBeUndefined();
    expect(filterFromAddress('')).toBeUndefined();
  });
});

describe('broadcast results', () => {
  it('shows the same measures as a send step, with LINE\'s opens hidden below its threshold', async () => {
    const api = makeApi();
    const broadcastId = '99999999-9999-4999-8999-999999999999';
    const measure = vi.fn(async () => ({
      broadcastId, sent: 1200, failed: 3, uniqueClicks: 240, conversions: 18, conversionValue: 53820,
      insight: { unit: 'bc_spring', uniqueImpression: null, uniqueClick: null, impression: 15, withheld: ['uniqueImpression' as const, 'uniqueClick' as const], fetchedAt: '2026-04-10T00:00:00.000Z' },
      daily: [{ date: '2026-04-09', sent: 1200, uniqueClicks: 200, conversions: 15, conversionValue: 44850 }, { date: '2026-04-10', sent: 0, uniqueClicks: 40, conversions: 3, conversionValue: 8970 }],
    }));
    renderWith(<BroadcastMeasureView ws={WS} broadcastId={broadcastId} />, { ...api, broadcastMeasure: measure });
    expect((await screen.findByTestId('bc-measure-sent')).textContent).toBe('1,200');
    expect(screen.getByTestId('bc-measure-clicks').textContent).toBe('240');
    expect(screen.getByTestId('bc-measure-value').textContent).toBe('53,820');
    expect(measure).toHaveBeenCalledWith(WS, broadcastId);
    expect(screen.getByTestId('insight-impression').textContent).toBe('15');
    expect(screen.getByTestId('insight-uniqueImpression').textContent).toBe('LINEのプライバシー基準により非表示');
    expect(screen.getByTestId('daily-csv')).toBeTruthy();
  });
});

describe('CSV of a chart', () => {
  it('starts with a byte-order mark, quotes commas and quotes, and defuses spreadsheet formulas', () => {
    const text = toCsv([{ name: '=HYPERLINK("x")', n: 3 }, { name: 'A, "B"', n: null }], [
      { label: '名前', value: (r) => r.name }, { label: '人数', value: (r) => r.n },
    ]);
    expect(text).toBe('\uFEFF名前,人数\r\n"\'=HYPERLINK(""x"")",3\r\n"A, ""B""",\r\n');
  });
});
