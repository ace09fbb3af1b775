import type { ScenarioSummary, WorkspaceCatalogue } from '../api/types.ts';
import type { FlowGraph } from '../flow/language.ts';

/** An edit not yet confirmed by the server, kept in this browser so reload or tab close loses nothing. */
export interface LocalDraft {
  graph: FlowGraph;
  /** The server revision the edit was made on. */
  baseRevision: number;
  at: number;
  /** What else the editor needs to open this draft while the runtime is unreachable. */
  context?: { summary: ScenarioSummary; catalogue: WorkspaceCatalogue | undefined; timeZone: string };
}

const key = (ws: string, scenarioId: string) => `lsb.draft.${ws}.${scenarioId}`;

export function loadLocalDraft(ws: string, scenarioId: string, storage: Storage = localStorage): LocalDraft | undefined {
  try {
    const raw = storage.getItem(key(ws, scenarioId));
    if (!raw) return undefined;
    const value = JSON.parse(raw) as Partial<LocalDraft>;
    if (typeof value.baseRevision !== 'number' || typeof value.graph !== 'object' || value.graph === null) return undefined;
    return value as LocalDraft;
  } catch {
    return undefined;
  }
}

/** False when the browser refused (quota, private mode); the caller shows that edits are at risk. */
export function saveLocalDraft(ws: string, scenarioId: string, draft: LocalDraft, storage: Storage = localStorage): boolean {
  try {
    storage.setItem(key(ws, scenarioId), JSON.stringify(draft));
    return true;
  } catch {
    return false;
  }
}

export function clearLocalDraft(ws: string, scenarioId: string, storage: Storage = localStorage): void {
  try {
    storage.removeItem(key(ws, scenarioId));
  } catch {
    // Nothing to clean up if storage is unavailable.
  }
}
