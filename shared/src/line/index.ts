/**
 * LINE's message objects and actions as TypeBox schemas, written from LINE's documented rules and
 * checked against the official OpenAPI spec (runtime/test/line/schemas.*.test.ts). They live here,
 * free of IO, so that the fake LINE server (runtime) and a send node's publish check (shared, the
 * editor) judge a message with the very same schema.
 */
export * from './actions.ts';
export * from './basic-messages.ts';
export * from './common-message.ts';
export { WithRule } from './common.ts';
export * from './flex-message.ts';
export * from './imagemap-message.ts';
export * from './message.ts';
export * from './template-messages.ts';
export * from './validate.ts';
