import { describe, expect, it } from 'vitest';
import { ScenarioSummary } from '@lsb/shared/api';
import { isApiError } from '../src/api/errors.ts';
import { createFakeApi } from './support/fake-runtime.ts';
import { WS1 } from './support/ids.ts';
import { checked, drifts } from './support/schema-check.ts';

describe('the test double of the runtime', () => {
  it('refuses to answer a shape the shared schema rejects, and records the drift that fails the test', () => {
    const drifted = { id: 'sc1', name: 'ウェルカム', state: 'active' };
    expect(() => checked('GET /scenarios/:id', ScenarioSummary, drifted)).toThrow(/shared\/src\/api rejects/);
    expect(drifts).toHaveLength(1);
    drifts.length = 0; // this test made the drift on purpose
  });

  it('answers through the editor’s real HTTP client with the runtime’s error codes', async () => {
    const api = createFakeApi();
    const created = await api.createScenario(WS1, { name: 'ウェルカム' });
    expect((await api.getScenario(WS1, created.id)).name).toBe('ウェルカム');
    const missing = await api.getScenario(WS1, '5b0c6d1e-0000-4000-8000-000000000001').catch((error: unknown) => error);
    expect(isApiError(missing) && missing.code).toBe('scenario_not_found');
  });
});
