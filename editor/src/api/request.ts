import { csrfHeader, renewCsrfToken, reportUnauthorized } from './authHooks.ts';
import { ApiError } from './errors.ts';

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
/** `keepalive`: the browser finishes the request even if the page is closing (bodies up to 64 KB). */
export interface RequestOptions {
  keepalive?: boolean;
  /** A 401 is an expected answer here (the session probe, a log-in): do not send the person to log-in. */
  expectUnauthorized?: boolean;
}
export type Request = <T>(method: Method, path: string, body?: unknown, options?: RequestOptions) => Promise<T>;

/**
 * JSON over fetch against the runtime; every failure becomes an ApiError with the server's code.
 * Shared by every HTTP client of the editor so they fail in the same words.
 */
export function createRequest(base = '/api', fetchImpl: typeof fetch = (...args) => fetch(...args)): Request {
  return async function call<T>(method: Method, path: string, body?: unknown, options: RequestOptions = {}): Promise<T> {
    const send = async (): Promise<{ response: Response; json: unknown }> => {
      let response: Response;
      try {
        response = await fetchImpl(base + path, {
          method,
          headers: {
            ...(body === undefined ? {} : { 'content-type': 'application/json' }),
            // Every state change carries the session's CSRF token (cookies go along on their own).
            ...(method === 'GET' ? {} : csrfHeader()),
          },
          body: body === undefined ? undefined : JSON.stringify(body),
          ...(options.keepalive ? { keepalive: true } : {}),
        });
      } catch (error) {
        throw new ApiError(0, 'network', error instanceof Error ? error.message : String(error));
      }
      const text = await response.text();
      return { response, json: text ? safeParse(text) : undefined };
    };
    let { response, json } = await send();
    // A token from before a log-in (or a restart) is refused once: fetch a fresh one and try again.
    if (response.status === 403 && method !== 'GET' && isCsrfRefusal(json) && (await renewCsrfToken())) ({ response, json } = await send());
    if (!response.ok) {
      const err = (json ?? {}) as { code?: unknown; message?: unknown; details?: unknown };
      // A proxy in front of a stopped runtime answers 502/503/504 without our error shape.
      const code = typeof err.code === 'string' ? err.code : response.status >= 502 ? 'network' : `http_${response.status}`;
      const status = code === 'network' ? 0 : response.status;
      if (status === 401 && !options.expectUnauthorized) reportUnauthorized(base + path);
      throw new ApiError(status, code, typeof err.message === 'string' ? err.message : response.statusText, err.details);
    }
    return json as T;
  };
}

function isCsrfRefusal(json: unknown): boolean {
  const code = (json as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' && /csrf/i.test(code);
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export const wsPath = (id: string) => `/workspaces/${encodeURIComponent(id)}`;
