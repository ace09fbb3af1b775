import { Agent, request } from 'undici';

/**
 * The calls made once per friend (push, multicast, profile) go to LINE through undici's `request`,
 * not the SDK's global `fetch`: fetch wraps every answer in web streams and costs about twice the CPU
 * a call (`npm run bench:line`: a profile read 395 against 183 µs). A follow costs a profile
 * read, and a `{name}` welcome a push as well, so at thousands of follows a second that is a tenth
 * of the runtime's CPU. One agent for the process keeps connections to LINE open between calls.
 */
const agent = new Agent({ keepAliveTimeout: 30_000, connections: 256 });

/** LINE answered with an error status; the body is kept as text (it may not be JSON). */
export class LineHttpError extends Error {
  constructor(readonly status: number, readonly body: string) {
    super(`LINE answered ${status}`);
    this.name = 'LineHttpError';
  }
}

/** Thrown by our own request timeout; LINE may or may not have accepted the request. */
export class LineTimeoutError extends Error {
  constructor(readonly timeoutMs: number) {
    super(`LINE did not answer within ${timeoutMs} ms`);
    this.name = 'LineTimeoutError';
  }
}

export interface LineCall {
  /** LINE's origin; a path in it is ignored, as the SDK ignores it. */
  baseURL: string;
  channelAccessToken: string;
  timeoutMs: number;
}

/**
 * One request; resolves with the parsed JSON answer (`{}` for an empty one), throws LineHttpError
 * for a status of 400 or more, LineTimeoutError when LINE has not answered in time (the request is
 * aborted), or the network's own error.
 */
export async function callLine(call: LineCall, method: 'GET' | 'POST', path: string, options: { body?: unknown; retryKey?: string } = {}): Promise<unknown> {
  const signal = AbortSignal.timeout(call.timeoutMs);
  const headers: Record<string, string> = { authorization: `Bearer ${call.channelAccessToken}` };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (options.retryKey !== undefined) headers['x-line-retry-key'] = options.retryKey;
  try {
    const response = await request(new URL(path, new URL(call.baseURL).origin), {
      method, headers, dispatcher: agent, signal,
      ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
    });
    const text = await response.body.text();
    if (response.statusCode >= 400) throw new LineHttpError(response.statusCode, text);
    return text === '' ? {} : JSON.parse(text);
  } catch (error) {
    if (signal.aborted && !(error instanceof LineHttpError)) throw new LineTimeoutError(call.timeoutMs);
    throw error;
  }
}
