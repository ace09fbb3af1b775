import { createFakeApi } from './fakeApi.ts';
import { createFakeLineApi } from './fakeLineApi.ts';
import { createHttpApi } from './httpApi.ts';
import { createHttpLineApi } from './httpLineApi.ts';
import type { LineApi } from './LineApi.ts';
import type { ScenarioApi } from './ScenarioApi.ts';
import { seedDemo } from './demoSeed.ts';

/** `?api=fake` or `?api=http` is remembered for the tab's session. */
function wantsFake(location: Location): boolean {
  const param = new URLSearchParams(location.search).get('api');
  if (param === 'fake' || param === 'http') sessionStorage.setItem('lsb.api', param);
  return sessionStorage.getItem('lsb.api') === 'fake';
}

/**
 * The runtime over HTTP, unless the page was opened with `?api=fake`: an in-memory demo with
 * sample data that needs no server (UI work before routes exist, and the editor benchmark).
 */
export function chooseApi(location: Location = window.location): ScenarioApi {
  if (!wantsFake(location)) return createHttpApi();
  const fake = createFakeApi();
  seedDemo(fake);
  return fake;
}

/** Channels and the simulator follow the same choice; the fake records actions but runs nothing. */
export function chooseLineApi(location: Location = window.location): LineApi {
  return wantsFake(location) ? createFakeLineApi() : createHttpLineApi();
}
