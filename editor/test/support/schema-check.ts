import type { TSchema } from 'typebox';
import { Value } from 'typebox/value';

/** Answers that broke the shared API schemas; vitest-setup.ts fails the test that produced any. */
export const drifts: string[] = [];

/**
 * The body, after checking it against the shared schema the runtime's route declares. A handler
 * answering a shape the schema rejects is recorded as drift and the request fails.
 */
export function checked<T>(route: string, schema: TSchema, body: T): T {
  if (!Value.Check(schema, body)) {
    const [first] = Value.Errors(schema, body);
    const problem = `${route} answered a shape shared/src/api rejects: ${first?.instancePath || '/'} ${first?.message ?? ''}`;
    drifts.push(problem);
    throw new Error(problem);
  }
  return body;
}
