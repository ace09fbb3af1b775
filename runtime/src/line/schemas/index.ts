/** LINE's request, message and webhook schemas, written from LINE's documented rules. */
export * from './actions.ts';
export * from './basic-messages.ts';
export * from './common-message.ts';
export * from './flex-message.ts';
export * from './imagemap-message.ts';
export * from './message.ts';
export * from './requests.ts';
export * from './template-messages.ts';
export * from './validate.ts';
export * from './webhook.ts';
export * from './endpoints.ts';
