import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { I18nextProvider } from 'react-i18next';
import { ApiError } from '../src/api/errors.ts';
import type { LineApi } from '../src/api/LineApi.ts';
import { LineApiProvider } from '../src/api/LineApiContext.tsx';
import type { ScenarioApi } from '../src/api/ScenarioApi.ts';
import type { FlowGraph } from '../src/flow/language.ts';
import { loadEditor } from '../src/editor/loadEditor.ts';
import { i18n } from '../src/i18n/index.ts';
import { startAutosave } from '../src/saving/autosave.ts';
import { loadLocalDraft } from '../src/saving/localDrafts.ts';
import { AddFriendForm } from '../src/simulator/AddFriendForm.tsx';
import { chatItems } from '../src/simulator/chatItems.ts';
import { createFlowStore } from '../src/store/createFlowStore.ts';
import { sampleGraph } from './graphs.ts';

describe('the chat shows times in the friend’s own clock', () => {
  const shifts = [{ at: '2026-04-30T00:05:00.000Z', offsetMs: 25 * 3600_000 }];

  it('a message before the jump keeps its time; one after it shows the friend’s later time', () => {
    const items = chatItems(
      [
        { at: '2026-04-30T00:00:01.000Z', messages: [{ type: 'text', text: 'ようこそ' }] },
        { at: '2026-04-30T00:05:01.000Z', messages: [{ type: 'text', text: '翌日のご案内' }] },
      ],
      [{ kind: 'followed', detail: {}, at: '2026-04-30T00:00:00.000Z' }],
      shifts,
    );
    expect(items.map((item) => [item.side, item.shownAt])).toEqual([
      ['event', '2026-04-30T00:00:00.000Z'],
      ['bot', '2026-04-30T00:00:01.000Z'],
      ['bot', '2026-05-01T01:05:01.000Z'],
    ]);
  });

  it('without a jump, the friend’s time is the real time', () => {
    const [item] = chatItems([{ at: '2026-04-30T00:00:01.000Z', messages: [{ type: 'text', text: 'a' }] }], []);
    expect(item?.shownAt).toBe('2026-04-30T00:00:01.000Z');
  });
});

describe('adding virtual friends', () => {
  afterEach(cleanup);

  it('the route picker starts empty again after each added friend', async () => {
    const added: Array<{ displayName: string; inflowRouteId?: string }> = [];
    const api = {
      addVirtualFriend: async (_ws: string, input: { displayName: string; inflowRouteId?: string }) => {
        added.push(input);
        return { id: `f${added.length}`, channelId: 'c', lineUserId: 'U1', displayName: input.displayName, status: 'active', inflowRouteId: input.inflowRouteId ?? null, registeredAt: '', lastReactionAt: null };
      },
    } as unknown as LineApi;
    const catalogue = { tags: [], tagFolders: [], fields: [], scenarios: [], links: [], inflowRoutes: [{ id: 'route-ig', name: 'Instagram' }] };
    render(
      <I18nextProvider i18n={i18n}>
        <LineApiProvider api={api}><AddFriendForm ws="ws1" catalogue={catalogue} onAdded={() => undefined} /></LineApiProvider>
      </I18nextProvider>,
    );
    fireEvent.change(screen.getByTestId('sim-add-name'), { target: { value: '花子' } });
    fireEvent.change(screen.getByTestId('sim-add-route'), { target: { value: 'route-ig' } });
    fireEvent.click(screen.getByTestId('sim-add-submit'));
    await waitFor(() => expect(added).toHaveLength(1));
    await waitFor(() => expect((screen.getByTestId('sim-add-route') as HTMLSelectElement).value).toBe(''));
    fireEvent.change(screen.getByTestId('sim-add-name'), { target: { value: '太郎' } });
    fireEvent.click(screen.getByTestId('sim-add-submit'));
    await waitFor(() => expect(added).toHaveLength(2));
    expect(added).toEqual([{ displayName: '花子', inflowRouteId: 'route-ig' }, { displayName: '太郎' }]);
  });
});

describe('nothing lost on close', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    localStorage.clear();
  });
  afterEach(() => vi.useRealTimers());

  /** Just the API methods autosave and loadEditor call, over one server-side draft. */
  function server(options: { down?: boolean } = {}) {
    const state = { graph: sampleGraph(), revision: 1 };
    const calls: Array<{ graph: FlowGraph; keepalive: boolean }> = [];
    const api = {
      async saveDraft(_ws: string, _id: string, input: { graph: FlowGraph; baseRevision: number }, opts?: { keepalive?: boolean }) {
        calls.push({ graph: input.graph, keepalive: opts?.keepalive === true });
        if (options.down) throw new ApiError(0, 'network', 'Failed to fetch');
        if (input.baseRevision !== state.revision) throw new ApiError(409, 'revision_conflict', 'stale');
        state.graph = input.graph;
        state.revision += 1;
        return { draftRevision: state.revision };
      },
      async getScenario() {
        return { id: 's1', name: 'テスト', state: 'active', publishedVersion: null, draftRevision: state.revision, runningCount: 0, priority: 100, updatedAt: '', draft: state.graph };
      },
      async getCatalogue() { return { tags: [], tagFolders: [], fields: [], inflowRoutes: [], scenarios: [], links: [] }; },
      async getWorkspace() { return { id: 'ws1', name: 'W', timeZone: 'Asia/Tokyo' }; },
    } as unknown as ScenarioApi;
    return { api, state, calls };
  }

  it('an edit made a moment before the tab closes is sent at once, with keepalive, without waiting for the debounce', async () => {
    const { api, state, calls } = server();
    const store = createFlowStore(sampleGraph());
    const saver = startAutosave({ api, ws: 'ws1', scenarioId: 's1', store, baseRevision: 1, debounceMs: 800 });
    store.getState().addNode('end', { x: 0, y: 900 });
    window.dispatchEvent(new Event('pagehide'));
    await vi.advanceTimersByTimeAsync(0);
    expect(calls).toHaveLength(1);
    expect(calls[0]!.keepalive).toBe(true);
    expect(state.graph.nodes).toHaveLength(7);
    expect(state.revision).toBe(2);
    // The page lives on (back/forward cache): the debounce finds nothing left to save.
    await vi.advanceTimersByTimeAsync(2000);
    expect(calls).toHaveLength(1);
    expect(store.getState().save.status).toBe('saved');
    saver.stop();
  });

  it('when the closing save cannot get through, reopening restores the local copy and says so', async () => {
    const { api, calls } = server({ down: true });
    const store = createFlowStore(sampleGraph());
    const saver = startAutosave({ api, ws: 'ws1', scenarioId: 's1', store, baseRevision: 1, debounceMs: 800 });
    store.getState().addNode('end', { x: 0, y: 900 });
    window.dispatchEvent(new Event('pagehide'));
    await vi.advanceTimersByTimeAsync(0);
    saver.stop(); // the tab is gone
    expect(calls.map((c) => c.keepalive)).toEqual([true]);
    expect(loadLocalDraft('ws1', 's1')?.graph.nodes).toHaveLength(7);

    const reopened = await loadEditor(server().api, 'ws1', 's1');
    expect(reopened.restored).toBe('same-base'); // EditorPage shows save.restoredLocal for this
    expect(reopened.graph.nodes).toHaveLength(7);
    expect(i18n.getFixedT('ja')('save.restoredLocal')).toContain('復元');
  });

  it('nothing unsaved: closing sends nothing', async () => {
    const { api, calls } = server();
    const store = createFlowStore(sampleGraph());
    const saver = startAutosave({ api, ws: 'ws1', scenarioId: 's1', store, baseRevision: 1 });
    window.dispatchEvent(new Event('pagehide'));
    await vi.advanceTimersByTimeAsync(1000);
    expect(calls).toEqual([]);
    saver.stop();
  });
});
