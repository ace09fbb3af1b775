import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { NodeMeasures } from '@lsb/shared/api';
import { App } from '../src/App.tsx';
import { navigate } from '../src/routing/router.ts';
import { resetWorkspacesForTests } from '../src/shell/workspaces.ts';
import { sampleGraph } from './graphs.ts';
import { installReactFlowMocks } from './reactflow-mocks.ts';
import { renderWithApi } from './setup.tsx';
import { createFakeApi } from './support/fake-runtime.ts';
import { WS1 } from './support/ids.ts';

// Statistics on the canvas for a chosen period: the cards show the runtime's per-node measures,
// branch cases their share, and changing the days asks the runtime for exactly those days.

const nodeEl = (nodeId: string) => document.querySelector(`.react-flow__node[data-id="${nodeId}"]`) as HTMLElement;

function measures(from: string, to: string, scale = 1): NodeMeasures {
  const zero = { entered: 0, waiting: 0, sent: 0, failed: 0, uniqueClicks: 0, conversions: 0, conversionValue: 0 };
  return {
    from, to, timeZone: 'Asia/Tokyo',
    nodes: {
      t: { ...zero, entered: 200 * scale },
      w: { ...zero, entered: 200 * scale, waiting: 12 },
      b: { ...zero, entered: 188 * scale, outputs: [{ output: 'case-1', friends: 47 * scale, share: 0.25 }, { output: 'else', friends: 141 * scale, share: 0.75 }] },
      s: { ...zero, entered: 47 * scale, sent: 45 * scale, failed: 2, uniqueClicks: 20 * scale, conversions: 6 * scale, conversionValue: 29800 * scale },
    },
  };
}

async function openPublished() {
  const api = createFakeApi();
  const s = await api.createScenario(WS1, { name: '計測シナリオ', graph: sampleGraph() });
  await api.publish(WS1, s.id);
  api.controls.measures = new Map([[s.id, measures('2026-03-12', '2026-04-10')]]);
  api.controls.measureQueries = [];
  act(() => navigate(`/workspaces/${WS1}/scenarios/${s.id}`));
  renderWithApi(<App />, api);
  await screen.findByTestId('editor-page');
  return { api, id: s.id };
}

describe('statistics on the canvas', () => {
  beforeAll(installReactFlowMocks);
  beforeEach(() => {
    resetWorkspacesForTests();
    localStorage.clear();
  });
  afterEach(cleanup);

  it('shows entered, waiting, sent, failed, unique clicks and conversions with value, and each case\'s share', async () => {
    await openPublished();
    const send = await waitFor(() => {
      const stats = within(nodeEl('s')).getByTestId('node-stats');
      expect(stats.dataset.measured).toBe('true');
      return stats;
    });
    expect(within(send).getByTestId('stat-entered').textContent).toBe('到達 47');
    expect(within(send).getByTestId('stat-sent').textContent).toBe('送信 45');
    expect(within(send).getByTestId('stat-failed').textContent).toBe('失敗 2');
    expect(within(send).getByTestId('stat-clicks').textContent).toBe('クリック 20');
    expect(within(send).getByTestId('stat-conversions').textContent).toBe('CV 6 · 29,800円');
    expect(within(nodeEl('w')).getByTestId('stat-waiting').textContent).toBe('待機中 12');
    // A wait has no sends: no sent/click figures on its card.
    expect(within(nodeEl('w')).queryByTestId('stat-sent')).toBeNull();
    expect(within(nodeEl('b')).getByTestId('output-share-case-1').textContent).toBe('25.0%（47人）');
    expect(within(nodeEl('b')).getByTestId('output-share-else').textContent).toBe('75.0%（141人）');
    // The side panel shows the days the runtime answered for, and the way to the analytics page.
    const panel = screen.getByTestId('stats-panel');
    expect((within(panel).getByTestId('stats-range-from') as HTMLInputElement).value).toBe('2026-03-12');
    expect(within(panel).getByTestId('open-analytics').getAttribute('href')).toMatch(/\/scenarios\/.+\/analytics$/);
  });

  it('asks for the chosen days and shows their figures', async () => {
    const { api, id } = await openPublished();
    await waitFor(() => expect(within(nodeEl('s')).getByTestId('stat-sent').textContent).toBe('送信 45'));
    api.controls.measures!.set(id, measures('2026-04-01', '2026-04-10', 2));
    fireEvent.change(screen.getByTestId('stats-range-from'), { target: { value: '2026-04-01' } });
    await waitFor(() => expect(api.controls.measureQueries).toContain('?from=2026-04-01&to=2026-04-10'));
    await waitFor(() => expect(within(nodeEl('s')).getByTestId('stat-sent').textContent).toBe('送信 90'));
    expect(within(nodeEl('b')).getByTestId('output-share-case-1').textContent).toBe('25.0%（94人）');
  });

  it('says so in English too', async () => {
    await openPublished();
    await waitFor(() => expect(within(nodeEl('s')).getByTestId('stat-sent').textContent).toBe('送信 45'));
    fireEvent.change(screen.getByTestId('language-switch'), { target: { value: 'en' } });
    await waitFor(() => expect(within(nodeEl('s')).getByTestId('stat-conversions').textContent).toBe('CV 6 · ¥29,800'));
    expect(within(nodeEl('b')).getByTestId('output-share-else').textContent).toBe('75.0% (141)');
    expect(screen.getByTestId('open-analytics').textContent).toContain('Open analytics');
    fireEvent.change(screen.getByTestId('language-switch'), { target: { value: 'ja' } });
  });
});
