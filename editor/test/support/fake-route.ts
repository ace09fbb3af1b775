import { http, HttpResponse, type JsonBodyType } from 'msw';
import type { TSchema } from 'typebox';
import * as Api from '@lsb/shared/api';
import { checked } from './schema-check.ts';

// The pieces every fake route is made of: a failure with the runtime's status and code, and a
// handler that records the call, plays outages and checks its answer against the route's schema.

export class Failure extends Error {
  constructor(readonly status: number, readonly code: string, readonly details?: unknown) {
    super(code);
  }
}

export type Handler = (args: { params: Record<string, string>; request: Request; body: unknown }) => unknown;

/** One route: records the call, plays outages, and checks the answer against the route's schema. */
export function route(
  method: 'get' | 'post' | 'put' | 'patch' | 'delete',
  path: string,
  schema: TSchema | null,
  name: string,
  gate: (name: string, request: Request) => Response | undefined,
  handle: Handler,
  status = 200,
) {
  return http[method](path, async ({ params, request }) => {
    const stop = gate(name, request);
    if (stop) return stop;
    const text = await request.text();
    try {
      const result = handle({ params: params as Record<string, string>, request, body: text ? JSON.parse(text) : undefined });
      if (schema === null) return new HttpResponse(null, { status: 204 });
      return HttpResponse.json(checked(`${method.toUpperCase()} ${path}`, schema, result) as JsonBodyType, { status });
    } catch (error) {
      if (!(error instanceof Failure)) throw error;
      const body = checked('error', Api.ApiErrorBody, { code: error.code, message: error.code.replaceAll('_', ' '), ...(error.details === undefined ? {} : { details: error.details }) });
      return HttpResponse.json(body, { status: error.status });
    }
  });
}

export function outages(controls: { down: boolean; failNext?: number; calls: string[] }) {
  return (name: string): Response | undefined => {
    controls.calls.push(name);
    // A stopped runtime behind the dev proxy: 502 with no body, which the client reads as offline.
    if (controls.down) return new HttpResponse(null, { status: 502 });
    if (controls.failNext && controls.failNext > 0) {
      controls.failNext -= 1;
      return HttpResponse.json({ code: 'unavailable', message: 'Service unavailable' }, { status: 503 });
    }
    return undefined;
  };
}

