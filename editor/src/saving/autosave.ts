import { ApiError, isApiError } from '../api/errors.ts';
import { parseFlowGraph, type FlowGraph } from '../flow/language.ts';
import { sameGraph } from '../flow/sameGraph.ts';
import type { ScenarioApi } from '../api/ScenarioApi.ts';
import type { WorkspaceCatalogue } from '../api/types.ts';
import type { FlowStore } from '../store/createFlowStore.ts';
import { clearLocalDraft, saveLocalDraft } from './localDrafts.ts';

export interface AutosaveOptions {
  api: ScenarioApi;
  ws: string;
  scenarioId: string;
  store: FlowStore;
  baseRevision: number;
  debounceMs?: number;
  /** Delays before retrying a failed save; the last repeats. */
  backoffMs?: readonly number[];
  storage?: Storage;
  /** Whether the graph in the store is already ahead of the server (restored local edits). */
  startDirty?: boolean;
  /** Kept with the local copy so the draft can be opened offline. */
  timeZone?: string;
}

export interface Autosave {
  /** Saves now if anything is unsaved; resolves once the server has it, rejects if it refused. */
  flush(): Promise<void>;
  /** After a conflict: overwrite the server copy with this browser's graph. */
  keepMine(): Promise<void>;
  /** After a conflict: drop this browser's edits and load the server copy. */
  takeTheirs(): Promise<void>;
  /** The server revision changed for a reason the editor knows (restore): adopt it. */
  adoptRevision(revision: number): void;
  stop(): void;
}

const DEFAULT_BACKOFF = [1000, 2000, 5000, 10_000, 30_000];

/**
 * Debounced saving with retry: every graph change goes to localStorage at once and to the server
 * after a pause; failures retry with backoff; a stale revision stops and asks (409).
 */
export function startAutosave(o: AutosaveOptions): Autosave {
  const debounceMs = o.debounceMs ?? 800;
  const backoff = o.backoffMs ?? DEFAULT_BACKOFF;
  const storage = o.storage ?? localStorage;
  let baseRevision = o.baseRevision;
  let savedVersion = o.startDirty ? -1 : o.store.getState().graphVersion;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let inflight: Promise<void> | undefined;
  let attempt = 0;
  let stopped = false;
  const state = () => o.store.getState();
  const dirty = () => state().graphVersion !== savedVersion;

  const persistLocally = () => {
    const s = state();
    const context = s.scenario && { summary: s.scenario, catalogue: s.catalogue as WorkspaceCatalogue | undefined, timeZone: o.timeZone ?? 'Asia/Tokyo' };
    const ok = saveLocalDraft(o.ws, o.scenarioId, { graph: s.toGraph(), baseRevision, at: Date.now(), ...(context ? { context } : {}) }, storage);
    if (!ok) state().showNotice({ tone: 'error', key: 'save.localFailed' });
  };
  const schedule = (ms: number) => {
    if (stopped) return;
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      void save().catch(() => undefined);
    }, ms);
  };

  async function save(): Promise<void> {
    if (inflight) return inflight.then(() => (dirty() ? save() : undefined));
    if (!dirty()) return;
    // Publishing or restoring on top of an unresolved conflict would silently pick a side.
    if (state().save.status === 'conflict') throw new ApiError(409, 'revision_conflict', 'unresolved draft conflict');
    const version = state().graphVersion;
    const graph = state().toGraph();
    state().setSaveState({ status: 'saving' });
    const saved = (revision: number) => {
      baseRevision = revision;
      savedVersion = version;
      attempt = 0;
      if (dirty()) {
        persistLocally();
        state().setSaveState({ status: 'dirty', error: undefined });
        schedule(debounceMs);
      } else {
        clearLocalDraft(o.ws, o.scenarioId, storage);
        state().setSaveState({ status: 'saved', lastSavedAt: Date.now(), error: undefined });
      }
    };
    inflight = (async () => {
      try {
        saved((await o.api.saveDraft(o.ws, o.scenarioId, { graph, baseRevision })).draftRevision);
      } catch (error) {
        if (isApiError(error) && error.code === 'revision_conflict') {
          // The server may hold this very graph already: a save from before a reload, answered to a page that was gone.
          const revision = await serverRevisionIfSame(graph);
          if (revision !== undefined) return saved(revision);
          state().setSaveState({ status: 'conflict', error });
        } else if (isApiError(error) && error.retryable) {
          state().setSaveState({ status: error.status === 0 ? 'offline' : 'error', error });
          schedule(backoff[Math.min(attempt, backoff.length - 1)] ?? 30_000);
          attempt += 1;
        } else {
          // Refused as invalid: retrying the same body cannot help; the next edit tries again.
          state().setSaveState({ status: 'error', error });
        }
        throw error;
      } finally {
        inflight = undefined;
      }
    })();
    return inflight;
  }

  async function serverRevisionIfSame(graph: FlowGraph): Promise<number | undefined> {
    try {
      const server = await o.api.getScenario(o.ws, o.scenarioId);
      return sameGraph(server.draft, graph) ? server.draftRevision : undefined;
    } catch {
      return undefined;
    }
  }

  const unsubscribe = o.store.subscribe((s, prev) => {
    if (s.graphVersion === prev.graphVersion) return;
    persistLocally();
    if (s.save.status === 'conflict') return;
    if (s.save.status !== 'offline' && s.save.status !== 'error') s.setSaveState({ status: 'dirty' });
    if (attempt === 0) schedule(debounceMs);
  });
  const onOnline = () => {
    if (dirty()) schedule(0);
  };
  // The tab is closing (or being frozen): an edit made a moment ago must not wait for the debounce.
  // The request is sent with keepalive so the browser completes it after the page is gone; if it
  // cannot be (offline, a body over 64 KB), the local copy written here is restored on reopening.
  const onPageHide = () => {
    if (stopped || state().save.status === 'conflict' || (!dirty() && !inflight)) return;
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    persistLocally();
    const version = state().graphVersion;
    void o.api.saveDraft(o.ws, o.scenarioId, { graph: state().toGraph(), baseRevision }, { keepalive: true }).then(({ draftRevision }) => {
      // Still here (the page came back from the back/forward cache): this is the saved state now.
      if (stopped || inflight || state().graphVersion !== version) return;
      baseRevision = draftRevision;
      savedVersion = version;
      clearLocalDraft(o.ws, o.scenarioId, storage);
      state().setSaveState({ status: 'saved', lastSavedAt: Date.now(), error: undefined });
    }, () => {
      // A save in flight at the same moment may have won (409), or the network is gone: the local
      // copy stays, and the next save or the next opening settles it.
      if (!stopped && dirty()) schedule(debounceMs);
    });
  };
  window.addEventListener('online', onOnline);
  window.addEventListener('pagehide', onPageHide);
  if (o.startDirty) {
    state().setSaveState({ status: 'dirty' });
    schedule(0);
  }

  return {
    flush() {
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
      return save();
    },
    async keepMine() {
      const server = await o.api.getScenario(o.ws, o.scenarioId);
      baseRevision = server.draftRevision;
      savedVersion = -1;
      attempt = 0;
      state().setSaveState({ status: 'dirty', error: undefined });
      persistLocally();
      await save();
    },
    async takeTheirs() {
      const server = await o.api.getScenario(o.ws, o.scenarioId);
      baseRevision = server.draftRevision;
      const parsed = parseFlowGraph(server.draft);
      if (!parsed.ok) throw new ApiError(422, 'invalid_graph', 'the server copy cannot be read', parsed.issues);
      state().replaceGraph(parsed.graph);
      savedVersion = state().graphVersion;
      attempt = 0;
      clearLocalDraft(o.ws, o.scenarioId, storage);
      state().setSaveState({ status: 'saved', error: undefined, lastSavedAt: Date.now() });
    },
    adoptRevision(revision) {
      baseRevision = revision;
    },
    stop() {
      stopped = true;
      unsubscribe();
      window.removeEventListener('online', onOnline);
      window.removeEventListener('pagehide', onPageHide);
      if (timer !== undefined) clearTimeout(timer);
    },
  };
}
