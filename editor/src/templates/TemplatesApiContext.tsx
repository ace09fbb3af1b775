import { createContext, useContext } from 'react';
import { httpTemplatesApi, type TemplatesApi } from './api.ts';

/** The app uses the HTTP client; a test may provide another (the screens' tests use MSW instead). */
const TemplatesApiContext = createContext<TemplatesApi>(httpTemplatesApi);
export const TemplatesApiProvider = TemplatesApiContext.Provider;

export function useTemplatesApi(): TemplatesApi {
  return useContext(TemplatesApiContext);
}
