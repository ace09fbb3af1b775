import { configure } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { drifts } from './support/schema-check.ts';
import { server } from './support/server.ts';

// CI runs every package's tests at once on two cores: give UI waits room without slowing passes.
configure({ asyncUtilTimeout: 4000 });

// Requests go through MSW to the handlers a test installs; one that none answers is an error.
beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
afterEach(() => {
  server.resetHandlers();
  // A handler answered a shape shared/src/api rejects: the test double drifted from the runtime.
  const found = drifts.splice(0);
  expect(found, 'API answers that break the shared schemas').toEqual([]);
});
afterAll(() => server.close());
