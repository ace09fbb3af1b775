import { HTTPFetchError } from '@line/bot-sdk';
import type { SendOutcome } from './port.ts';
import type { LineErrorBody, SentMessage } from './schemas/index.ts';

/** Maps what the SDK threw (or returned) to the port's outcome values. */

/** Thrown by our own request timeout; LINE may or may not have accepted the request. */
export class LineTimeoutError extends Error {
  constructor(readonly timeoutMs: number) {
    super(`LINE did not answer within ${timeoutMs} ms`);
    this.name = 'LineTimeoutError';
  }
}

export function outcomeOfFailure(error: unknown): Exclude<SendOutcome, { kind: 'accepted' }> {
  if (error instanceof LineTimeoutError) return { kind: 'retryable', reason: `timeout: ${error.message}` };
  if (!(error instanceof HTTPFetchError)) {
    // fetch rejects with a TypeError on connection failures; the cause says which.
    const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : '';
    return { kind: 'retryable', reason: `network: ${error instanceof Error ? error.message : String(error)}${cause}` };
  }
  const body = parseErrorBody(error.body);
  const reason = describe(error.status, body);
  if (error.status === 409) return { kind: 'alreadyAccepted', ...sentMessagesOf(body) };
  if (error.status === 429) return { kind: 'rateLimited', reason, scope: rateLimitScope(body?.message) };
  if (error.status >= 500) return { kind: 'retryable', reason, status: error.status };
  return { kind: 'rejected', status: error.status, reason, ...(body?.details?.length ? { details: body.details } : {}) };
}

function rateLimitScope(message: string | undefined): 'rate' | 'monthlyLimit' | 'other' {
  if (message === undefined) return 'other';
  if (/monthly limit/i.test(message)) return 'monthlyLimit';
  return /rate limit/i.test(message) ? 'rate' : 'other';
}

function sentMessagesOf(body: LineErrorBody | undefined): { sentMessages?: SentMessage[] } {
  return body?.sentMessages ? { sentMessages: body.sentMessages } : {};
}

/** "The request body has 1 error(s): messages[0].text May not be empty" — readable on a timeline. */
function describe(status: number, body: LineErrorBody | undefined): string {
  if (!body) return `HTTP ${status}`;
  const details = (body.details ?? [])
    .map((detail) => [detail.property, detail.message].filter(Boolean).join(' '))
    .filter((text) => text.length > 0);
  return details.length > 0 ? `${body.message}: ${details.join('; ')}` : body.message;
}

function parseErrorBody(text: string): LineErrorBody | undefined {
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed === 'object' && parsed !== null && typeof (parsed as { message?: unknown }).message === 'string') {
      return parsed as LineErrorBody;
    }
  } catch {
    // Not JSON (a proxy's HTML error page, say): the status alone has to do.
  }
  return undefined;
}
