import { createHttpApi } from './httpApi.ts';
import { createHttpLineApi } from './httpLineApi.ts';
import type { LineApi } from './LineApi.ts';
import type { ScenarioApi } from './ScenarioApi.ts';

/** The runtime over HTTP: the app has no other API (tests answer through MSW handlers). */
export function chooseApi(): ScenarioApi {
  return createHttpApi();
}

export function chooseLineApi(): LineApi {
  return createHttpLineApi();
}
