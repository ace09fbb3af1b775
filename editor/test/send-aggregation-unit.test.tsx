import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { sendAggregationUnit } from '@lsb/shared';
import type { BroadcastMeasure, InsightMeasure } from '@lsb/shared/api';
import { EditorEnvProvider } from '../src/editor/EditorEnv.tsx';
import { starterGraph } from '../src/flow/starter.ts';
import { i18n, setLang } from '../src/i18n/index.ts';
import { MeasureApiProvider, type MeasureApi } from '../src/measure/api.ts';
import { BroadcastMeasureView } from '../src/measure/broadcast/BroadcastMeasureView.tsx';
import { SendMeasureSettings } from '../src/nodes/send/SendMeasureSettings.tsx';
import type { Autosave } from '../src/saving/autosave.ts';
import { createFlowStore } from '../src/store/createFlowStore.ts';
import { FlowStoreProvider } from '../src/store/FlowStoreContext.tsx';
import { signedInForTests } from './support/fake-accounts.ts';

// Every send carries a LINE aggregation unit: the send inspector shows the one that will be used
// (its own, else the derived one as the field's placeholder and in words), and a broadcast's results
// show LINE's figures for its unit with the canvas's words — or why there are none.

const SCENARIO = '0b7f7c8e-3c1a-4e8b-9a55-4f2e1d0c9b8a';
const NODE = 'send-a1b2c3d4e5';

beforeEach(() => signedInForTests(['ws1']));
afterEach(() => {
  cleanup();
  act(() => setLang('ja'));
});

function UnitField() {
  const [unit, setUnit] = useState<string | undefined>(undefined);
  return <SendMeasureSettings nodeId={NODE} unit={unit} onChange={setUnit} />;
}

function renderInspector() {
  const store = createFlowStore(starterGraph());
  return render(
    <I18nextProvider i18n={i18n}>
      <FlowStoreProvider store={store}>
        <EditorEnvProvider env={{ ws: 'ws1', scenarioId: SCENARIO, timeZone: 'Asia/Tokyo', autosave: {} as Autosave }}><UnitField /></EditorEnvProvider>
      </FlowStoreProvider>
    </I18nextProvider>,
  );
}

describe('the send inspector\'s LINE unit', () => {
  it('shows the derived unit as placeholder and in words; an own unit wins; in ja and en', () => {
    renderInspector();
    const derived = sendAggregationUnit(SCENARIO, NODE);
    const input = screen.getByTestId('send-aggregation-unit') as HTMLInputElement;
    expect(input.placeholder).toBe(derived);
    expect(screen.getByTestId('send-unit-in-use').textContent).toBe(`送信に使う集計単位: ${derived}（自動）`);
    expect(screen.getByText(/空欄なら、シナリオとステップから決まる集計単位を使います/)).toBeTruthy();

    fireEvent.change(input, { target: { value: 'spring_sale' } });
    expect(screen.getByTestId('send-unit-in-use').textContent).toBe('送信に使う集計単位: spring_sale');
    // A name LINE would refuse is marked, and is not what is said to be used.
    fireEvent.change(input, { target: { value: 'bad name!' } });
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByTestId('send-unit-in-use').textContent).toBe(`送信に使う集計単位: ${derived}`);

    fireEvent.change(input, { target: { value: '' } });
    act(() => setLang('en'));
    expect(screen.getByTestId('send-unit-in-use').textContent).toBe(`Unit sent with the messages: ${derived}(automatic)`);
    expect(screen.getByText(/Left empty, the unit given by the scenario and the step is used/)).toBeTruthy();
  });
});

describe('a broadcast\'s LINE figures', () => {
  const broadcastId = '9d1c2b3a-4e5f-4a6b-8c7d-0e1f2a3b4c5d';
  const measureOf = (insight: InsightMeasure | null): BroadcastMeasure => ({
    broadcastId, sent: 25, failed: 0, uniqueClicks: 0, conversions: 0, conversionValue: 0, insight,
    daily: [{ date: '2026-04-01', sent: 25, uniqueClicks: 0, conversions: 0, conversionValue: 0 }],
  });
  const renderView = (measure: BroadcastMeasure) => {
    const api = { broadcastMeasure: vi.fn(async () => measure) } as unknown as MeasureApi;
    return render(<I18nextProvider i18n={i18n}><MeasureApiProvider api={api}><BroadcastMeasureView ws="ws1" broadcastId={broadcastId} /></MeasureApiProvider></I18nextProvider>);
  };
  const unit = 'b_2b3a4e5f4a6b8c7d0e1f2a3b4c5d';

  it('shows impressions and unique opens as LINE reports them, with the canvas\'s words', async () => {
    renderView(measureOf({ unit, uniqueImpression: 25, uniqueClick: null, impression: 25, withheld: ['uniqueClick'], fetchedAt: '2026-04-01T05:00:00.000Z' }));
    expect((await screen.findByTestId('insight-impression')).textContent).toBe('25');
    expect(screen.getByTestId('insight-uniqueImpression').textContent).toBe('25');
    expect(screen.getByTestId('insight-uniqueClick').textContent).toBe('LINEのプライバシー基準により非表示');
    expect(screen.getByTestId('insight-table').querySelector('thead')!.textContent).toContain('ユニーク開封');
    act(() => setLang('en'));
    expect(screen.getByTestId('insight-uniqueClick').textContent).toBe('Hidden by LINE\'s privacy threshold');
  });

  it('says when LINE has not been asked yet, and why there are no figures when LINE refused the unit', async () => {
    renderView(measureOf({ unit, uniqueImpression: null, uniqueClick: null, impression: null, withheld: [], fetchedAt: null, refusal: 'unavailable' }));
    expect((await screen.findByTestId('insight-impression')).textContent).toBe('未取得');
    expect(screen.getByTestId('insight-refusal').textContent).toBe('このLINE公式アカウントは集計単位を使えないため（LINEへの申請が必要です）、集計単位を付けずに送信しました。');
    act(() => setLang('en'));
    expect(screen.getByTestId('insight-refusal').textContent).toContain('may not use aggregation units');
  });
});
