import { createContext, useContext, type ReactNode } from 'react';
import type { LineApi } from './LineApi.ts';

const LineApiContext = createContext<LineApi | null>(null);

export function LineApiProvider({ api, children }: { api: LineApi; children: ReactNode }) {
  return <LineApiContext.Provider value={api}>{children}</LineApiContext.Provider>;
}

export function useLineApi(): LineApi {
  const api = useContext(LineApiContext);
  if (!api) throw new Error('useLineApi outside LineApiProvider');
  return api;
}
