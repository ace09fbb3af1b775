import { useSyncExternalStore } from 'react';
import type { ScenarioApi } from '../api/ScenarioApi.ts';
import type { Workspace } from '../api/types.ts';

const LAST_KEY = 'lsb.lastWorkspace';

export function rememberWorkspace(id: string): void {
  try {
    localStorage.setItem(LAST_KEY, id);
  } catch {
    // Not remembering is harmless.
  }
}

export function lastWorkspace(): string | null {
  try {
    return localStorage.getItem(LAST_KEY);
  } catch {
    return null;
  }
}

/**
 * The workspace list is app-wide (switcher, home page), so it lives in a tiny module store
 * instead of being fetched by each component.
 */
interface WorkspaceState {
  list: Workspace[] | undefined;
  error: unknown;
}

let state: WorkspaceState = { list: undefined, error: undefined };
const listeners = new Set<() => void>();
const emit = () => listeners.forEach((l) => l());

export async function refreshWorkspaces(api: ScenarioApi): Promise<void> {
  try {
    state = { list: await api.listWorkspaces(), error: undefined };
  } catch (error) {
    state = { ...state, error };
  }
  emit();
}

export function addWorkspace(workspace: Workspace): void {
  state = { list: [...(state.list ?? []), workspace], error: undefined };
  emit();
}

export function useWorkspaces(): WorkspaceState {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => state,
  );
}

export function resetWorkspacesForTests(): void {
  state = { list: undefined, error: undefined };
}
