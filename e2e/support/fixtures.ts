import { test as base, request as requestFactory } from '@playwright/test';
import { signInOwner, type SignedIn } from './auth.ts';

export { expect } from '@playwright/test';

/**
 * Every journey runs as the installation's owner: signed up through the API on the first run,
 * logged in afterwards. Pages open with the owner's session cookie; the `request` fixture carries
 * the cookie and the CSRF token, so set-up calls go through the same checks as the editor's.
 */
export const test = base.extend<object, { owner: SignedIn }>({
  // Playwright reads a fixture's dependencies from its first parameter's destructuring; this one has none.
  // eslint-disable-next-line no-empty-pattern
  owner: [async ({}, use) => {
    const api = await requestFactory.newContext({ baseURL: process.env.E2E_BASE_URL });
    await use(await signInOwner(api));
    await api.dispose();
  }, { scope: 'worker' }],
  storageState: async ({ owner }, use) => use(owner.storageState),
  request: async ({ owner, baseURL }, use) => {
    const api = await requestFactory.newContext({ baseURL, storageState: owner.storageState, extraHTTPHeaders: { 'x-csrf-token': owner.csrfToken } });
    await use(api);
    await api.dispose();
  },
});
