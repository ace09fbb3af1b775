import { setupServer } from 'msw/node';

/**
 * One MSW server for the editor's tests: the real HTTP clients (httpApi.ts, httpLineApi.ts) talk
 * to request handlers that a test installs (fake-runtime.ts). A request no handler answers fails.
 */
export const server = setupServer();
