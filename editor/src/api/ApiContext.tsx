import { createContext, useContext, type ReactNode } from 'react';
import type { ScenarioApi } from './ScenarioApi.ts';

const ApiContext = createContext<ScenarioApi | null>(null);

export function ApiProvider({ api, children }: { api: ScenarioApi; children: ReactNode }) {
  return <ApiContext.Provider value={api}>{children}</ApiContext.Provider>;
}

export function useApi(): ScenarioApi {
  const api = useContext(ApiContext);
  if (!api) throw new Error('useApi outside ApiProvider');
  return api;
}
