import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { App } from '../src/App.tsx';
import { resetSessionForTests } from '../src/accounts/session.ts';
import type { FlowGraph } from '../src/flow/language.ts';
import { setLang } from '../src/i18n/index.ts';
import { navigate } from '../src/routing/router.ts';
import { resetWorkspacesForTests } from '../src/shell/workspaces.ts';
import { rolloutPolling } from '../src/templates/RolloutProgress.tsx';
import { sampleGraph } from './graphs.ts';
import { installReactFlowMocks } from './reactflow-mocks.ts';
import { renderWithApi } from './setup.tsx';
import { createFakeApi } from './support/fake-runtime.ts';
import { installFakeTemplates } from './support/fake-templates.ts';
import { id, WS1 } from './support/ids.ts';

// Cloning a template into a client workspace with remapping, rolling a new version out to several
// workspaces (progress, stop, per-workspace results, retry), and the linked clone's diff view.

const WS2 = id('ws-client-a');
const WS3 = id('ws-client-b');
const TAG = id('tag-bought');
const VIP = id('tag-vip');
const DATE = id('field-date');
const CLIENT_TAG = id('client-tag');
const CLIENT_DATE = id('client-date');
const CLIENT_MEMO = id('client-memo');
const NAMES = { [WS1]: '代理店本部', [WS2]: 'クライアントA', [WS3]: 'クライアントB' };

const refsV1 = () => ({
  tags: [{ id: TAG, name: '購入済み', folder: null }],
  fields: [{ id: DATE, name: '予約日', kind: 'date' as const, choices: [] }],
  inflowRoutes: [], links: [], scenarios: [],
});
/** v2: a VIP tag node after the send, the coupon's text changed, the end removed. */
function graphV2(): FlowGraph {
  const g = sampleGraph();
  const nodes = g.nodes.filter((n) => n.id !== 'x').map((n) => (n.id === 's' ? ({ ...n, data: { messages: [{ type: 'text', text: '20%OFFクーポンです' }] } } as FlowGraph['nodes'][number]) : n));
  return { ...g, nodes: [...nodes, { id: 'v', type: 'tag', position: { x: -150, y: 640 }, data: { add: [VIP], remove: [] } }], edges: [...g.edges.filter((e) => e.target !== 'x'), { id: 'e6', source: 's', sourceHandle: 'next', target: 'v' }] };
}

function setUp() {
  const api = createFakeApi({ workspaces: Object.entries(NAMES).map(([wsId, name]) => ({ id: wsId, name, timeZone: 'Asia/Tokyo' })) });
  const client = api.catalogue(WS2);
  client.tags.push({ id: CLIENT_TAG, name: '購入者' });
  client.fields.push({ id: CLIENT_DATE, name: '予約日', kind: 'date' }, { id: CLIENT_MEMO, name: 'メモ', kind: 'text' });
  const templates = installFakeTemplates(api, NAMES);
  const template = templates.add({ name: 'カゴ落ちフォロー', category: 'sales', graph: sampleGraph(), references: refsV1() });
  return { api, templates, template };
}

const row = (key: string, within_: HTMLElement = document.body) => within_.querySelector<HTMLElement>(`[data-testid="mapping-row"][data-key="${key}"]`)!;
function pick(rowEl: HTMLElement, text: string) {
  const input = within(rowEl).getByTestId('mapping-target');
  fireEvent.focus(input);
  fireEvent.change(input, { target: { value: text } });
  fireEvent.mouseDown(within(rowEl).getByText(text, { selector: '[data-testid="mapping-target-option"]' }));
}

describe('cloning and rolling out templates', () => {
  beforeAll(installReactFlowMocks);
  beforeEach(() => {
    resetWorkspacesForTests();
    resetSessionForTests();
    window.history.replaceState(null, '', '/');
    rolloutPolling.ms = 10;
  });
  afterEach(() => {
    cleanup();
    act(() => setLang('ja'));
    rolloutPolling.ms = 1000;
  });

  it('clones into a client workspace whose tag is named differently, blocks publishing while something is unmapped, and opens the draft', async () => {
    const { api, templates, template } = setUp();
    act(() => navigate(`/workspaces/${WS1}/templates`));
    renderWithApi(<App />, api);
    fireEvent.click(within(await screen.findByTestId('template-card')).getByTestId('template-clone'));
    const wizard = await screen.findByTestId('clone-wizard');
    fireEvent.change(within(wizard).getByTestId('clone-target'), { target: { value: WS2 } });
    fireEvent.change(within(wizard).getByTestId('clone-name'), { target: { value: 'カゴ落ち（クライアントA）' } });
    fireEvent.click(within(wizard).getByTestId('clone-next'));

    // Every reference is listed with a suggestion: the date field by its name, the tag to be created.
    await waitFor(() => expect(within(wizard).getAllByTestId('mapping-row')).toHaveLength(2));
    const tagRow = row(`tag:${TAG}`, wizard);
    const fieldRow = row(`field:${DATE}`, wizard);
    expect(tagRow.dataset.state).toBe('create');
    expect(within(tagRow).getByTestId('mapping-state').textContent).toBe('新規作成：購入済み');
    expect(fieldRow.dataset.state).toBe('existing');
    // A date field maps only to a date field: the text field メモ is not offered.
    fireEvent.focus(within(fieldRow).getByTestId('mapping-target'));
    expect(within(fieldRow).getAllByTestId('mapping-target-option').map((o) => o.textContent)).toEqual(['予約日']);
    fireEvent.blur(within(fieldRow).getByTestId('mapping-target'));

    pick(tagRow, '購入者');
    expect(within(tagRow).getByTestId('mapping-state').textContent).toBe('対応済み：購入者');
    // Left for later: the wizard says publishing is blocked, and still makes the draft if asked.
    fireEvent.click(within(fieldRow).getByTestId('mapping-later'));
    expect(within(wizard).getByTestId('clone-unmapped').textContent).toBe('未対応が1件あります。すべて対応付けるまで、このシナリオは公開できません（下書きとしては作成できます）。');
    expect(within(wizard).getByTestId('clone-finish').textContent).toBe('未対応のまま下書きを作成');
    pick(fieldRow, '予約日');
    expect(within(wizard).getByTestId('clone-all-mapped')).toBeTruthy();
    fireEvent.click(within(wizard).getByTestId('clone-finish'));

    await waitFor(() => expect(window.location.pathname).toMatch(new RegExp(`^/workspaces/${WS2}/scenarios/`)));
    expect(templates.controls.clonesMade).toEqual([{
      version: 1, name: 'カゴ落ち（クライアントA）',
      mapping: { [`tag:${TAG}`]: { action: 'existing', targetId: CLIENT_TAG }, [`field:${DATE}`]: { action: 'existing', targetId: CLIENT_DATE } },
    }]);
    const clone = [...api.controls.scenarios.values()].find((s) => s.workspaceId === WS2)!;
    expect(JSON.stringify(clone.draft)).toContain(CLIENT_TAG);
    expect(JSON.stringify(clone.draft)).not.toContain(TAG);
    // The template is untouched.
    expect(JSON.stringify(template.versions[0]!.graph)).toContain(TAG);
    // The editor says where the clone came from.
    expect((await screen.findByTestId('template-link')).textContent).toContain('テンプレート「カゴ落ちフォロー」v1 から作成');
  });

  it('rolls a new version out to two workspaces: only new references asked, the existing clone updated in place, a failure retried', async () => {
    const { api, templates, template } = setUp();
    // クライアントA cloned v1 before: it holds the clone and remembers its mapping.
    const existing = { id: id('clone-a'), workspaceId: WS2, name: 'カゴ落ち（A）', state: 'active' as const, publishedVersion: 1, draftRevision: 1, runningCount: 2, priority: 100, updatedAt: new Date().toISOString(), draft: sampleGraph(), versions: [{ id: id('clone-a-v1'), version: 1, publishedAt: new Date().toISOString(), graph: sampleGraph() }] };
    api.controls.scenarios.set(existing.id, existing);
    templates.controls.clones.set(existing.id, { ws: WS2, templateId: template.id, version: 1 });
    templates.controls.remembered.set(`${WS2}|${template.id}`, { [`tag:${TAG}`]: CLIENT_TAG, [`field:${DATE}`]: CLIENT_DATE });
    templates.add({ templateId: template.id, name: template.name, graph: graphV2(), references: { ...refsV1(), tags: [...refsV1().tags, { id: VIP, name: 'VIP', folder: null }] } });
    templates.controls.failRollout.set(WS3, { code: 'rollout_forbidden', once: true });

    act(() => navigate(`/workspaces/${WS1}/templates`));
    renderWithApi(<App />, api);
    fireEvent.click(within(await screen.findByTestId('template-card')).getByTestId('template-rollout'));
    const dialog = await screen.findByTestId('rollout-dialog');
    expect((within(dialog).getByTestId('rollout-version') as HTMLSelectElement).value).toBe('2');
    const target = (wsId: string) => dialog.querySelector<HTMLInputElement>(`[data-testid="rollout-target"][data-workspace-id="${wsId}"]`)!;
    fireEvent.click(target(WS2));
    fireEvent.click(target(WS3));
    fireEvent.click(within(dialog).getByTestId('rollout-next'));

    const plan = async (wsId: string) => waitFor(() => {
      const found = dialog.querySelector<HTMLElement>(`[data-testid="rollout-plan"][data-workspace-id="${wsId}"]`);
      if (!found) throw new Error(`no plan for ${wsId} yet`);
      return found;
    });
    const planA = await plan(WS2);
    // クライアントA: only the new tag is asked; the rest is its remembered mapping; its clone is updated, not copied.
    await waitFor(() => expect(within(planA).getAllByTestId('mapping-row').map((r) => r.dataset.key)).toEqual([`tag:${VIP}`]));
    expect(within(planA).getByTestId('rollout-remembered').textContent).toBe('2件は前回の対応付けを使います。');
    expect(within(planA).getByTestId('rollout-updates').textContent).toContain('複製「カゴ落ち（A）」');
    const planB = await plan(WS3);
    expect(within(planB).getAllByTestId('mapping-row')).toHaveLength(3);
    // Unmapped blocks the start, with the workspace named.
    fireEvent.click(within(row(`tag:${VIP}`, planB)).getByTestId('mapping-later'));
    expect(within(dialog).getByTestId('rollout-blocked').textContent).toBe('未対応の参照があるため開始できません：クライアントB');
    expect((within(dialog).getByTestId('rollout-start') as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(within(row(`tag:${VIP}`, planB)).getByTestId('mapping-create'));
    fireEvent.click(within(dialog).getByTestId('rollout-start'));

    const progress = await within(dialog).findByTestId('rollout-progress');
    await waitFor(() => expect(progress.dataset.status).toBe("failed"));
    expect(within(progress).getByTestId('rollout-status').textContent).toBe('失敗しました');
    const result = (wsId: string) => progress.querySelector<HTMLElement>(`[data-testid="rollout-result"][data-workspace-id="${wsId}"]`)!;
    expect(result(WS2).dataset.status).toBe('succeeded');
    expect(within(result(WS2)).getByTestId('rollout-result-detail').textContent).toBe('既存のシナリオを更新しました（v2）');
    expect(within(result(WS2)).getByTestId('rollout-impact').textContent).toBe('追加0・変更1・削除0ノード／配信途中の友だち2人は元のバージョンのまま進みます');
    expect(within(result(WS3)).getByTestId('rollout-reason').textContent).toBe('このワークスペースを編集する権限がありません。');

    fireEvent.click(within(result(WS3)).getByTestId('rollout-retry'));
    await waitFor(() => expect(progress.dataset.status).toBe('done'));
    expect(within(result(WS3)).getByTestId('rollout-result-detail').textContent).toBe('新しいシナリオとして公開しました（v1）');
    // In place: クライアントA still has one scenario, now at version 2.
    const inA = [...api.controls.scenarios.values()].filter((s) => s.workspaceId === WS2);
    expect(inA.map((s) => [s.id, s.publishedVersion])).toEqual([[existing.id, 2]]);
    expect(templates.controls.rollouts.size).toBe(1);
  });

  it('stops a roll-out before it reaches every workspace', async () => {
    const { api, templates } = setUp();
    templates.controls.holdRollouts = true;
    act(() => navigate(`/workspaces/${WS1}/templates`));
    renderWithApi(<App />, api);
    fireEvent.click(within(await screen.findByTestId('template-card')).getByTestId('template-rollout'));
    const dialog = await screen.findByTestId('rollout-dialog');
    fireEvent.click(dialog.querySelector(`[data-testid="rollout-target"][data-workspace-id="${WS3}"]`)!);
    fireEvent.click(within(dialog).getByTestId('rollout-next'));
    await within(dialog).findByTestId('rollout-plan');
    fireEvent.click(within(dialog).getByTestId('rollout-start'));
    expect((await within(dialog).findByTestId('rollout-status')).textContent).toBe('配信中');
    fireEvent.click(within(dialog).getByTestId('rollout-cancel'));
    await waitFor(() => expect(within(dialog).getByTestId('rollout-cancel').textContent).toBe('中止しています…'));
    templates.controls.holdRollouts = false;
    await waitFor(() => expect(within(dialog).getByTestId('rollout-progress').dataset.status).toBe('cancelled'));
    expect(within(dialog).getByTestId('rollout-result').dataset.status).toBe('cancelled');
    expect([...api.controls.scenarios.values()].filter((s) => s.workspaceId === WS3)).toEqual([]);
    // What was stopped can be run again.
    expect(within(dialog).getByTestId('rollout-retry')).toBeTruthy();
  });

  it('shows a linked clone that its template was updated, with the changed nodes marked (en)', async () => {
    const { api, templates, template } = setUp();
    const scenario = await api.createScenario(WS1, { name: 'クローン', graph: sampleGraph() });
    templates.controls.clones.set(scenario.id, { ws: WS1, templateId: template.id, version: 1 });
    templates.add({ templateId: template.id, name: template.name, graph: graphV2(), references: refsV1() });
    act(() => setLang('en'));
    act(() => navigate(`/workspaces/${WS1}/scenarios/${scenario.id}`));
    renderWithApi(<App />, api);
    const bar = await screen.findByTestId('template-link');
    expect(bar.dataset.update).toBe('true');
    fireEvent.click(within(bar).getByTestId('template-link-review'));
    const diff = await screen.findByTestId('template-diff');
    expect(within(diff).getByRole('heading').textContent).toBe('Changes to “カゴ落ちフォロー” (v1 → v2)');
    const marks = Object.fromEntries(within(diff).getAllByTestId('graph-picture-node').map((n) => [n.dataset.nodeId, n.dataset.mark]));
    expect(marks).toEqual({ t: 'same', w: 'same', b: 'same', s: 'changed', g: 'same', v: 'added', x: 'removed' });
    expect(within(diff).getByTestId('template-diff-added').textContent).toMatch(/^Added \(1\)/);
    expect(within(diff).getByTestId('template-diff-removed').textContent).toMatch(/^Removed \(1\)/);
    expect(within(diff).getByTestId('template-diff-changed').textContent).toMatch(/^Changed \(1\)/);
  });
});
