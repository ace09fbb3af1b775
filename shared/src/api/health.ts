import { Type, type Static } from 'typebox';

const Status = Type.Union([Type.Literal('up'), Type.Literal('down')]);

export const HealthResponse = Type.Object({
  status: Type.Union([Type.Literal('ok'), Type.Literal('degraded')]),
  database: Status,
  queue: Status,
});
export type HealthResponse = Static<typeof HealthResponse>;
