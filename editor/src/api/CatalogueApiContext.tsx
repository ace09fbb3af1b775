import { createContext, useContext, type ReactNode } from 'react';
import { createHttpCatalogueApi, type CatalogueApi } from './CatalogueApi.ts';

// The runtime over HTTP unless a test provides a small object implementing what it calls.
const CatalogueApiContext = createContext<CatalogueApi>(createHttpCatalogueApi());

export function CatalogueApiProvider({ api, children }: { api: CatalogueApi; children: ReactNode }) {
  return <CatalogueApiContext.Provider value={api}>{children}</CatalogueApiContext.Provider>;
}

export function useCatalogueApi(): CatalogueApi {
  return useContext(CatalogueApiContext);
}
