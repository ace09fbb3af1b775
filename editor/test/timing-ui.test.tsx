import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { useState, type ReactElement } from 'react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, describe, expect, it } from 'vitest';
import type { Condition, DeliveryWindowRule } from '@lsb/shared';
import type { Workspace } from '@lsb/shared/api';
import { ApiProvider } from '../src/api/ApiContext.tsx';
import type { ScenarioApi } from '../src/api/ScenarioApi.ts';
import { TimingApiProvider, type TimingApi } from '../src/api/timingApi.ts';
import { ConditionEditor } from '../src/conditions/ConditionEditor.tsx';
import { EditorEnvProvider } from '../src/editor/EditorEnv.tsx';
import { EnrolDialog } from '../src/enrol/EnrolDialog.tsx';
import { starterGraph } from '../src/flow/starter.ts';
import { i18n } from '../src/i18n/index.ts';
import { DeliveryWindowEditor } from '../src/nodes/wait/DeliveryWindowEditor.tsx';
import { SettingsPage } from '../src/settings/SettingsPage.tsx';
import { createFlowStore } from '../src/store/createFlowStore.ts';
import { FlowStoreProvider } from '../src/store/FlowStoreContext.tsx';
import type { Autosave } from '../src/saving/autosave.ts';

// Components get a small in-test object implementing just the API methods they call.

afterEach(cleanup);

interface Calls { enrol: unknown[]; saved: DeliveryWindowRule[][]; counted: Condition[] }

function timingApi(calls: Calls, initial: DeliveryWindowRule[] = []): TimingApi {
  let windows = initial;
  const workspace = (): Workspace => ({ id: 'ws1', name: 'Shop', timeZone: 'Asia/Tokyo', deliveryWindows: windows, messageCaps: { perDay: null, perWeek: null }, createdAt: '2026-01-01T00:00:00.000Z' });
  const friends = [
    { id: 'f1', channelId: 'c', lineUserId: 'U1', displayName: '佐藤', status: 'active' as const, inflowRouteId: null, registeredAt: '2026-01-01T00:00:00.000Z', lastReactionAt: null },
    { id: 'f2', channelId: 'c', lineUserId: 'U2', displayName: '鈴木', status: 'active' as const, inflowRouteId: null, registeredAt: '2026-01-01T00:00:00.000Z', lastReactionAt: null },
  ];
  return {
    getWorkspace: async () => workspace(),
    saveDeliveryWindows: async (_ws, rules) => {
      calls.saved.push(rules);
      windows = rules;
      return workspace();
    },
    saveMessageCaps: async () => workspace(),
    searchFriends: async (_ws, q) => ({ friends: friends.filter((f) => f.displayName.includes(q)), total: 2 }),
    countSegment: async (_ws, condition) => {
      calls.counted.push(condition);
      return { count: JSON.stringify(condition).includes('"not"') ? 7 : 3 };
    },
    enrol: async (_ws, _id, target) => {
      calls.enrol.push(target);
      return { enrolled: 'friendIds' in target ? target.friendIds.length : 3, skipped: 0 };
    },
  };
}

function renderAll(ui: ReactElement, api: TimingApi, options: { published?: boolean } = {}) {
  const store = createFlowStore({ ...starterGraph(), nodes: [{ id: 't', type: 'trigger', position: { x: 0, y: 0 }, data: { trigger: { kind: 'manual' }, reentry: 'everyTime' } }] });
  if (options.published !== false) store.getState().setScenario({ id: 's1', name: 'x', state: 'active', publishedVersion: 1, draftRevision: 1, runningCount: 0, priority: 0, updatedAt: '2026-01-01T00:00:00.000Z' });
  const scenarioApi = { countSegment: api.countSegment } as unknown as ScenarioApi;
  return render(
    <I18nextProvider i18n={i18n}>
      <ApiProvider api={scenarioApi}>
        <TimingApiProvider api={api}>
          <FlowStoreProvider store={store}>
            <EditorEnvProvider env={{ ws: 'ws1', scenarioId: 's1', timeZone: 'Asia/Tokyo', autosave: {} as Autosave }}>{ui}</EditorEnvProvider>
          </FlowStoreProvider>
        </TimingApiProvider>
      </ApiProvider>
    </I18nextProvider>,
  );
}

function Stateful<T>({ initial, children }: { initial: T; children: (value: T, set: (v: T) => void) => ReactElement }) {
  const [value, setValue] = useState(initial);
  return <>{children(value, setValue)}<pre data-testid="value">{JSON.stringify(value)}</pre></>;
}
const current = () => JSON.parse(screen.getByTestId('value').textContent ?? 'null');

describe('condition groups say what they do', () => {
  const renderEditor = (calls: Calls) => renderAll(
    <Stateful initial={{ kind: 'and', conditions: [{ kind: 'tag', tagId: '', has: true }] } as Condition}>
      {(value, set) => <ConditionEditor value={value} onChange={set} />}
    </Stateful>,
    timingApi(calls),
  );

  it('adding a group asks for its operator with AND preselected, and a group inside AND stays AND', () => {
    renderEditor({ enrol: [], saved: [], counted: [] });
    expect(screen.getByTestId('condition-group-says').textContent).toContain('AND');
    fireEvent.click(screen.getByTestId('condition-add-group'));
    const chooser = screen.getByTestId('condition-group-chooser');
    expect((within(chooser).getByTestId('condition-group-choose-and') as HTMLInputElement).checked).toBe(true);
    fireEvent.click(within(chooser).getByTestId('condition-group-confirm'));
    expect(current().conditions[1].kind).toBe('and');
    const groups = screen.getAllByTestId('condition-group');
    expect(groups.map((g) => g.dataset.kind)).toEqual(['and', 'and']);
    expect(within(groups[1]!).getAllByTestId('condition-group-says')[0]!.textContent).toBe('（AND: 全部に当てはまる友だちだけ）');
  });

  it('choosing OR is explicit and is stated in words', () => {
    renderEditor({ enrol: [], saved: [], counted: [] });
    fireEvent.click(screen.getByTestId('condition-add-group'));
    fireEvent.click(screen.getByTestId('condition-group-choose-or'));
    fireEvent.click(screen.getByTestId('condition-group-confirm'));
    expect(current().conditions[1].kind).toBe('or');
    const inner = screen.getAllByTestId('condition-group')[1]!;
    expect((within(inner).getAllByTestId('condition-group-kind')[0] as HTMLSelectElement).selectedOptions[0]!.textContent).toBe('いずれかを満たす');
  });

  it('a NOT row is marked as negation, not as an error', () => {
    renderEditor({ enrol: [], saved: [], counted: [] });
    fireEvent.click(screen.getAllByTestId('condition-not')[0]!);
    const row = document.querySelector('.cond-row.negated') as HTMLElement;
    expect(row).not.toBeNull();
    expect(row.querySelector('[role="alert"]')).toBeNull();
    expect(current().conditions[0].kind).toBe('not');
  });
});

describe('delivery window editor', () => {
  const renderWindows = () => renderAll(
    <Stateful initial={undefined as DeliveryWindowRule[] | undefined}>
      {(value, set) => <DeliveryWindowEditor value={value} onChange={set} />}
    </Stateful>,
    timingApi({ enrol: [], saved: [], counted: [] }),
  );

  it('builds weekday evenings and a weekend double window from presets', () => {
    renderWindows();
    fireEvent.click(screen.getByTestId('window-enabled'));
    fireEvent.click(screen.getAllByTestId('window-preset-weekdays')[0]!);
    fireEvent.change(screen.getAllByTestId('window-from')[0]!, { target: { value: '19:00' } });
    fireEvent.change(screen.getAllByTestId('window-to')[0]!, { target: { value: '21:00' } });
    fireEvent.click(screen.getByTestId('window-add'));
    fireEvent.click(screen.getByTestId('window-add'));
    fireEvent.change(screen.getAllByTestId('window-from')[2]!, { target: { value: '14:00' } });
    fireEvent.change(screen.getAllByTestId('window-to')[2]!, { target: { value: '16:00' } });
    expect(current()).toEqual([
      { days: [1, 2, 3, 4, 5], from: '19:00', to: '21:00' },
      { days: [6, 7], from: '10:00', to: '12:00' },
      { days: [6, 7], from: '14:00', to: '16:00' },
    ]);
    expect(screen.getAllByTestId('window-rule-days').map((e) => e.textContent)).toEqual(['平日', '土日', '土日']);
    expect(screen.queryAllByTestId('window-error')).toHaveLength(0);
  });

  it('names an end before the start and an overlap at the rule concerned', () => {
    renderWindows();
    fireEvent.click(screen.getByTestId('window-enabled'));
    fireEvent.change(screen.getAllByTestId('window-from')[0]!, { target: { value: '22:00' } });
    expect(screen.getByTestId('window-error').dataset.code).toBe('windowEndBeforeStart');
    fireEvent.change(screen.getAllByTestId('window-from')[0]!, { target: { value: '09:00' } });
    fireEvent.click(screen.getByTestId('window-add'));
    const errors = screen.getAllByTestId('window-error');
    expect(errors.map((e) => e.dataset.code)).toEqual(['windowOverlap']);
    expect(errors[0]!.textContent).toBe('時間帯 1 と重なっています（土）。');
  });
});

describe('workspace settings', () => {
  it('refuses to save overlapping windows (nothing sent), then saves a good list', async () => {
    const calls: Calls = { enrol: [], saved: [], counted: [] };
    renderAll(<SettingsPage ws="ws1" />, timingApi(calls));
    await screen.findByTestId('settings-windows-none');
    fireEvent.click(screen.getByTestId('window-add'));
    fireEvent.click(screen.getByTestId('window-add'));
    fireEvent.click(screen.getAllByTestId('window-preset-weekends')[0]!);
    fireEvent.change(screen.getAllByTestId('window-from')[0]!, { target: { value: '11:00' } });
    fireEvent.change(screen.getAllByTestId('window-to')[0]!, { target: { value: '13:00' } });
    await act(async () => fireEvent.click(screen.getByTestId('settings-save')));
    expect(screen.getByTestId('settings-fix')).toBeTruthy();
    expect(calls.saved).toEqual([]);
    fireEvent.change(screen.getAllByTestId('window-from')[0]!, { target: { value: '14:00' } });
    fireEvent.change(screen.getAllByTestId('window-to')[0]!, { target: { value: '16:00' } });
    await act(async () => fireEvent.click(screen.getByTestId('settings-save')));
    await screen.findByTestId('settings-saved');
    expect(calls.saved).toEqual([[{ days: [6, 7], from: '14:00', to: '16:00' }, { days: [6, 7], from: '10:00', to: '12:00' }]]);
  });
});

describe('enrol from the UI', () => {
  it('enrols chosen friends after a confirmation that shows the count', async () => {
    const calls: Calls = { enrol: [], saved: [], counted: [] };
    renderAll(<EnrolDialog onClose={() => undefined} />, timingApi(calls));
    fireEvent.change(screen.getByTestId('enrol-search'), { target: { value: '佐' } });
    await waitFor(() => expect(screen.getAllByTestId('enrol-friend').map((e) => e.dataset.name)).toEqual(['佐藤']));
    fireEvent.click(screen.getByTestId('enrol-friend'));
    expect(screen.getByTestId('enrol-selected').textContent).toBe('1人を選択中');
    await act(async () => fireEvent.click(screen.getByTestId('enrol-review')));
    expect(screen.getByTestId('enrol-confirm-text').textContent).toContain('1人をこのシナリオに登録します');
    expect(calls.enrol).toEqual([]);
    await act(async () => fireEvent.click(screen.getByTestId('enrol-confirm-button')));
    expect(calls.enrol).toEqual([{ friendIds: ['f1'] }]);
    expect(screen.getByTestId('enrol-done').textContent).toBe('1人の登録を受け付けました（対象外 0人）。');
  });

  it('enrols everyone matching a condition, with the count asked at confirmation', async () => {
    const calls: Calls = { enrol: [], saved: [], counted: [] };
    renderAll(<EnrolDialog onClose={() => undefined} />, timingApi(calls));
    fireEvent.click(screen.getByTestId('enrol-mode-condition'));
    fireEvent.click(screen.getByTestId('condition-add'));
    await act(async () => fireEvent.click(screen.getByTestId('enrol-review')));
    expect(screen.getByTestId('enrol-confirm-text').textContent).toContain('3人');
    await act(async () => fireEvent.click(screen.getByTestId('enrol-confirm-button')));
    expect(calls.enrol).toHaveLength(1);
    expect(calls.enrol[0]).toHaveProperty('condition');
  });

  it('says why when the scenario is not published', () => {
    renderAll(<EnrolDialog onClose={() => undefined} />, timingApi({ enrol: [], saved: [], counted: [] }), { published: false });
    expect(screen.getByTestId('enrol-blocked').textContent).toBe('公開中のシナリオにだけ登録できます。');
  });
});
