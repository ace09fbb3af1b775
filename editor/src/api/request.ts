import { ApiError } from './errors.ts';

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
/** `keepalive`: the browser finishes the request even if the page is closing (bodies up to 64 KB). */
export interface RequestOptions { keepalive?: boolean }
export type Request = <T>(method: Method, path: string, body?: unknown, options?: RequestOptions) => Promise<T>;

/**
 * JSON over fetch against the runtime; every failure becomes an ApiError with the server's code.
 * Shared by every HTTP client of the editor so they fail in the same words.
 */
export function createRequest(base = '/api', fetchImpl: typeof fetch = (...args) => fetch(...args)): Request {
  return async function call<T>(method: Method, path: string, body?: unknown, options: RequestOptions = {}): Promise<T> {
    let response: Response;
    try {
      response = await fetchImpl(base + path, {
        method,
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
        ...(options.keepalive ? { keepalive: true } : {}),
      });
    } catch (error) {
      throw new ApiError(0, 'network', error instanceof Error ? error.message : String(error));
    }
    const text = await response.text();
    const json: unknown = text ? safeParse(text) : undefined;
    if (!response.ok) {
      const err = (json ?? {}) as { code?: unknown; message?: unknown; details?: unknown };
      // A proxy in front of a stopped runtime answers 502/503/504 without our error shape.
      const code = typeof err.code === 'string' ? err.code : response.status >= 502 ? 'network' : `http_${response.status}`;
      const status = code === 'network' ? 0 : response.status;
      throw new ApiError(status, code, typeof err.message === 'string' ? err.message : response.statusText, err.details);
    }
    return json as T;
  };
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export const wsPath = (id: string) => `/workspaces/${encodeURIComponent(id)}`;
