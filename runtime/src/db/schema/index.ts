export * from './workspaces.ts';
export * from './catalogue.ts';
export * from './friends.ts';
export * from './scenarios.ts';
export * from './runs.ts';
export * from './sends.ts';
export * from './inflow.ts';
export * from './accounts.ts';
