/** LINE at the runtime's HTTP boundary: schemas, the port and its client, signatures, the fake. */
export { createLineClient } from './client.ts';
export { LineTimeoutError } from './http.ts';
export { outcomeOfFailure } from './outcome.ts';
export { retryKeyFor, retryKeyFrom, uuidV5 } from './retry-key.ts';
