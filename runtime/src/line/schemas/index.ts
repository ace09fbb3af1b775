/**
 * LINE's request, message and webhook schemas. Message objects and actions are defined in
 * `@lsb/shared/line` (the editor's publish check uses the same ones); requests, endpoints and
 * webhooks are the runtime's own.
 */
export * from '@lsb/shared/line';
export * from './requests.ts';
export * from './webhook.ts';
export * from './endpoints.ts';
