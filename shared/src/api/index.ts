// The HTTP API's request and response schemas, used by the runtime's routes and the editor's client.
export * from './common.ts';
export * from './errors.ts';
export * from './health.ts';
export * from './workspaces.ts';
export * from './catalogue.ts';
export * from './scenarios.ts';
export * from './friends.ts';
export * from './segments.ts';
export * from './simulator.ts';
export * from './inflow-routes.ts';
export * from './catalogue-manage.ts';
export * from './friend-data.ts';
export * from './statuses.ts';
export * from './timeline.ts';
