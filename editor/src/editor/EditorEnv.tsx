import { createContext, useContext, type ReactNode } from 'react';
import type { Autosave } from '../saving/autosave.ts';

/** Per-editor facts that are not graph state: where the scenario lives and its saver. */
export interface EditorEnv {
  ws: string;
  scenarioId: string;
  timeZone: string;
  autosave: Autosave;
}

const EditorEnvContext = createContext<EditorEnv | null>(null);

export function EditorEnvProvider({ env, children }: { env: EditorEnv; children: ReactNode }) {
  return <EditorEnvContext.Provider value={env}>{children}</EditorEnvContext.Provider>;
}

export function useEditorEnv(): EditorEnv {
  const env = useContext(EditorEnvContext);
  if (!env) throw new Error('useEditorEnv outside EditorEnvProvider');
  return env;
}

/** The editor's facts where a panel may also be shown without them (a lone inspector in tests, a template preview). */
export function useOptionalEditorEnv(): EditorEnv | null {
  return useContext(EditorEnvContext);
}
