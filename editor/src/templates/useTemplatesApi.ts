import { httpTemplatesApi, type TemplatesApi } from './api.ts';

/** The client the テンプレート screens use; tests answer it through MSW handlers like every client. */
export function useTemplatesApi(): TemplatesApi {
  return httpTemplatesApi;
}
