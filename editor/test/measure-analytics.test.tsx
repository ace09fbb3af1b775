import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { NodeMeasures, ScenarioAnalytics, SplitComparison } from '@lsb/shared/api';
import { wilsonInterval } from '@lsb/shared';
import { App } from '../src/App.tsx';
import { setLang } from '../src/i18n/index.ts';
import { MeasureApiProvider, type MeasureApi } from '../src/measure/api.ts';
import { navigate } from '../src/routing/router.ts';
import { resetWorkspacesForTests } from '../src/shell/workspaces.ts';
import { renderWithApi } from './setup.tsx';
import { createFakeApi } from './support/fake-runtime.ts';
import { WS1 } from './support/ids.ts';
import type { FlowGraph } from '../src/flow/language.ts';

// The scenario analytics page against a small in-test measurement API: funnel, daily chart,
// inflow routes, the A/B comparison with intervals and a verdict in words, LINE's opens, CSV.

const graph: FlowGraph = {
  schemaVersion: 2,
  nodes: [
    { id: 't', type: 'trigger', position: { x: 0, y: 0 }, data: { trigger: { kind: 'manual' }, reentry: 'firstTimeOnly' } },
    { id: 'ab', type: 'randomSplit', position: { x: 0, y: 100 }, data: { branches: [{ id: 'a', label: 'A', weight: 50 }, { id: 'b', label: 'B', weight: 50 }], autoWinner: { metric: 'click', afterHours: 48, afterFriends: 500 } } },
    { id: 'sa', type: 'send', position: { x: -100, y: 200 }, data: { messages: [{ type: 'text', text: 'パターンA' }] } },
    { id: 'sb', type: 'send', position: { x: 100, y: 200 }, data: { messages: [{ type: 'text', text: 'パターンB' }] } },
  ],
  edges: [
    { id: 'e1', source: 't', sourceHandle: 'next', target: 'ab' },
    { id: 'e2', source: 'ab', sourceHandle: 'a', target: 'sa' },
    { id: 'e3', source: 'ab', sourceHandle: 'b', target: 'sb' },
  ],
};

const rate = (successes: number, trials: number) => ({ successes, trials, ...wilsonInterval(successes, trials) });

function split(significant: boolean, winner: SplitComparison['winner'] = null): SplitComparison {
  return {
    nodeId: 'ab',
    variants: [
      { branchId: 'a', label: 'A', weight: 50, friends: 100, clickRate: rate(20, 100), conversionRate: rate(5, 100), conversionValue: 15000 },
      { branchId: 'b', label: 'B', weight: 50, friends: 100, clickRate: rate(40, 100), conversionRate: rate(7, 100), conversionValue: 21000 },
    ],
    clickTest: { z: 3.0, pValue: significant ? 0.0027 : 0.21, significant, leader: 'b' },
    conversionTest: null,
    winner,
  };
}

function makeApi() {
  let current = split(true);
  const analytics = (): ScenarioAnalytics => ({
    from: '2026-04-01', to: '2026-04-03', timeZone: 'Asia/Tokyo',
    funnel: [
      { nodeId: 't', type: 'trigger', depth: 0, friends: 200, share: 1 },
      { nodeId: 'ab', type: 'randomSplit', depth: 1, friends: 200, share: 1 },
      { nodeId: 'sa', type: 'send', depth: 2, friends: 100, share: 0.5 },
      { nodeId: 'sb', type: 'send', depth: 2, friends: 100, share: 0.5 },
    ],
    daily: [
      { date: '2026-04-01', sent: 150, uniqueClicks: 40, conversions: 8, conversionValue: 24000 },
      { date: '2026-04-02', sent: 50, uniqueClicks: 20, conversions: 4, conversionValue: 12000 },
      { date: '2026-04-03', sent: 0, uniqueClicks: 0, conversions: 0, conversionValue: 0 },
    ],
    routes: [
      { routeId: '44444444-4444-4444-8444-444444444444', name: 'Instagram', added: 120, blocked: 6, converted: 9 },
      { routeId: null, name: '', added: 80, blocked: 2, converted: 3 },
    ],
    splits: [current],
  });
  const zero = { entered: 0, waiting: 0, sent: 0, failed: 0, uniqueClicks: 0, conversions: 0, conversionValue: 0 };
  const nodes: NodeMeasures = {
    from: '2026-04-01', to: '2026-04-03', timeZone: 'Asia/Tokyo',
    nodes: {
      sa: { ...zero, sent: 100, insight: { unit: 'sc_sa', uniqueImpression: 83, uniqueClick: 20, impression: 120, withheld: [], fetchedAt: '2026-04-03T01:00:00.000Z' } },
      sb: { ...zero, sent: 100, insight: { unit: 'sc_sb', uniqueImpression: null, uniqueClick: null, impression: null, withheld: ['uniqueImpression', 'uniqueClick', 'impression'], fetchedAt: '2026-04-03T01:00:00.000Z' } },
    },
  };
  const api = {
    analytics: vi.fn(async () => analytics()),
    nodeMeasures: vi.fn(async () => nodes),
    chooseWinner: vi.fn(async (_ws: string, _id: string, _node: string, branchId: string) => {
      current = split(true, { branchId, decidedAt: '2026-04-03T02:00:00.000Z', by: 'manual' });
      return current;
    }),
    clearWinner: vi.fn(async () => { current = split(true); }),
    setSignificant: (significant: boolean) => { current = split(significant); },
  };
  return api;
}

async function open(measure: ReturnType<typeof makeApi>) {
  const api = createFakeApi();
  const s = await api.createScenario(WS1, { name: 'A/Bテスト', graph });
  act(() => navigate(`/workspaces/${WS1}/scenarios/${s.id}/analytics`));
  renderWithApi(<MeasureApiProvider api={measure as unknown as MeasureApi}><App /></MeasureApiProvider>, api);
  await screen.findByTestId('analytics-body');
  return s.id;
}

let downloads: { name: string; text: Promise<string> }[] = [];
beforeEach(() => {
  resetWorkspacesForTests();
  downloads = [];
  let blob: Blob | undefined;
  vi.spyOn(URL, 'createObjectURL').mockImplementation((b) => { blob = b as Blob; return 'blob:x'; });
  vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    // Read as bytes: Blob.text() would drop the byte-order mark the file must start with.
    if (blob) downloads.push({ name: this.download, text: blob.arrayBuffer().then((b) => new TextDecoder('utf-8', { ignoreBOM: true }).decode(b)) });
  });
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
  act(() => setLang('ja'));
});

describe('scenario analytics page', () => {
  it('draws the funnel, daily figures and routes, each downloadable as the CSV of what is drawn', async () => {
    const measure = makeApi();
    await open(measure);
    await waitFor(() => expect(screen.getByRole('heading', { level: 2 }).textContent).toBe('分析: A/Bテスト'));
    const steps = within(screen.getByTestId('funnel-steps')).getAllByRole('listitem');
    expect(steps.map((li) => li.textContent)).toEqual([
      expect.stringContaining('手動・API で登録: 200 (100.0%)'), expect.stringContaining('200 (100.0%)'), expect.stringContaining('100 (50.0%)'), expect.stringContaining('100 (50.0%)'),
    ]);
    expect(steps[2]!.textContent).toContain('パターンA');
    expect(screen.getByTestId('funnel-chart').getAttribute('aria-label')).toBe('ステップごとの到達人数の横棒グラフ');

    fireEvent.click(screen.getByTestId('daily-csv'));
    await waitFor(() => expect(downloads).toHaveLength(1));
    expect(downloads[0]!.name).toBe('daily.csv');
    expect(await downloads[0]!.text).toBe('\uFEFF日付,送信,クリック（ユニーク）,コンバージョン,コンバージョン金額（円）\r\n2026-04-01,150,40,8,24000\r\n2026-04-02,50,20,4,12000\r\n2026-04-03,0,0,0,0\r\n');

    const rows = within(screen.getByTestId('routes-table')).getAllByTestId('routes-row');
    expect(rows.map((r) => [...r.querySelectorAll('td')].map((td) => td.textContent))).toEqual([
      ['Instagram', '120', '6', '9', '7.5%'], ['流入経路なし', '80', '2', '3', '3.8%'],
    ]);
    fireEvent.click(screen.getByTestId('routes-csv'));
    await waitFor(() => expect(downloads).toHaveLength(2));
    expect((await downloads[1]!.text).split('\r\n')[2]).toBe('流入経路なし,80,2,3,3.8');
  });

  it('compares the variants with intervals, says whether the difference can be chance, and picks a winner', async () => {
    const measure = makeApi();
    const id = await open(measure);
    const card = screen.getByTestId('split-ab');
    const variants = within(card).getAllByTestId('split-variant');
    expect(within(variants[1]!).getByTestId('variant-click-rate').textContent).toBe('40.0% (40/100, 30.9%〜49.8%)');
    expect(within(variants[0]!).getByTestId('variant-conversion-rate').textContent).toBe('5.0% (5/100, 2.2%〜11.2%)');
    expect(within(card).getByTestId('verdict-click').textContent).toBe('クリック率: 「B」が高く、偶然とは考えにくい差です（有意水準5%、p=0.003）。');
    expect(within(card).getByTestId('verdict-conversion').textContent).toBe('コンバージョン率: まだ比べられるだけの人数がいません。');
    expect(within(card).getByTestId('split-auto-rule').textContent).toBe('自動勝者: クリック率で、48時間後 または 500人が到達した時点に決定');

    fireEvent.click(within(variants[1]!).getByTestId('choose-winner'));
    await waitFor(() => expect(measure.chooseWinner).toHaveBeenCalledWith(WS1, id, 'ab', 'b'));
    const winner = await screen.findByTestId('split-winner');
    expect(winner.textContent).toContain('勝ちパターン: 「B」（手動で決定');
    fireEvent.click(within(winner).getByTestId('clear-winner'));
    await waitFor(() => expect(measure.clearWinner).toHaveBeenCalledWith(WS1, id, 'ab'));
    await waitFor(() => expect(screen.queryByTestId('split-winner')).toBeNull());

    fireEvent.click(within(card).getByTestId('split-ab-csv'));
    await waitFor(() => expect(downloads).toHaveLength(1));
    const lines = (await downloads[0]!.text).split('\r\n');
    expect(lines[0]).toBe('\uFEFFパターン,配分(%),人数,クリック率(%),クリック率 下限(%),クリック率 上限(%),コンバージョン率(%),CV率 下限(%),CV率 上限(%),コンバージョン金額（円）');
    expect(lines[2]).toBe('B,50,100,40,30.9,49.8,7,3.4,13.7,21000');
  });

  it('says a difference may be chance when it is not significant, in English too', async () => {
    const measure = makeApi();
    measure.setSignificant(false);
    await open(measure);
    expect(screen.getByTestId('verdict-click').textContent).toBe('クリック率: 「B」がやや高いものの、まだ偶然の差かもしれません（p=0.210）。人数が増えるのを待ちましょう。');
    act(() => setLang('en'));
    await waitFor(() => expect(screen.getByTestId('verdict-click').textContent).toBe('Click rate: "B" is a little higher, but it may still be chance (p=0.210). Wait for more friends.'));
  });

  it('shows LINE\'s opens per send step, and says where LINE withheld them', async () => {
    const measure = makeApi();
    await open(measure);
    const rows = within(screen.getByTestId('insight-table')).getAllByTestId('insight-row');
    expect(within(rows[0]!).getByTestId('insight-uniqueImpression').textContent).toBe('83');
    expect(within(rows[0]!).getByTestId('insight-impression').textContent).toBe('120');
    expect(within(rows[1]!).getByTestId('insight-uniqueImpression').textContent).toBe('LINEのプライバシー基準により非表示');
    expect(within(rows[1]!).getByTestId('insight-uniqueImpression').dataset.state).toBe('withheld');
    fireEvent.click(screen.getByTestId('insight-csv'));
    await waitFor(() => expect(downloads).toHaveLength(1));
    expect((await downloads[0]!.text).split('\r\n')[2]).toContain('LINEのプライバシー基準により非表示');
  });

  it('asks for the days chosen', async () => {
    const measure = makeApi();
    await open(measure);
    fireEvent.click(screen.getByTestId('analytics-range-last-7'));
    await waitFor(() => expect(measure.analytics).toHaveBeenLastCalledWith(WS1, expect.any(String), { from: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/), to: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) }));
    const last = (measure.analytics.mock.calls.at(-1) as unknown as [string, string, { from: string; to: string }])[2];
    expect((Date.parse(last.to) - Date.parse(last.from)) / 86_400_000).toBe(6);
  });
});
