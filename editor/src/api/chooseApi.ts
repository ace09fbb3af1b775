import { createFakeApi } from './fakeApi.ts';
import { createHttpApi } from './httpApi.ts';
import type { ScenarioApi } from './ScenarioApi.ts';
import { seedDemo } from './demoSeed.ts';

/**
 * The runtime over HTTP, unless the page was opened with `?api=fake`: an in-memory demo with
 * sample data that needs no server (UI work before routes exist, and the editor benchmark).
 */
export function chooseApi(location: Location = window.location): ScenarioApi {
  const param = new URLSearchParams(location.search).get('api');
  if (param === 'fake' || param === 'http') sessionStorage.setItem('lsb.api', param);
  if (sessionStorage.getItem('lsb.api') !== 'fake') return createHttpApi();
  const fake = createFakeApi();
  seedDemo(fake);
  return fake;
}
