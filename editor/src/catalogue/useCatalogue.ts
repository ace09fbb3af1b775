import { useCatalogueApi } from '../api/CatalogueApiContext.tsx';
import { useResource } from '../api/useResource.ts';

export function useCatalogue(ws: string) {
  const api = useCatalogueApi();
  return useResource(`catalogue:${ws}`, () => api.getCatalogue(ws));
}
