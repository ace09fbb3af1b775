export * from './api/health.ts';
export * from './api/errors.ts';
