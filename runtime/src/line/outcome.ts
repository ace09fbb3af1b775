import { HTTPFetchError } from '@line/bot-sdk';
import { LineHttpError, LineTimeoutError } from './http.ts';
import type { SendOutcome } from './port.ts';
import type { LineErrorBody, SentMessage } from './schemas/index.ts';

/** Maps what a call to LINE threw (ours through undici, or the SDK's) to the port's outcome values. */

export function outcomeOfFailure(error: unknown): Exclude<SendOutcome, { kind: 'accepted' }> {
  if (error instanceof LineTimeoutError) return { kind: 'retryable', reason: `timeout: ${error.message}` };
  if (!(error instanceof LineHttpError) && !(error instanceof HTTPFetchError)) {
    // A connection failure: undici's error names it (fetch's TypeError carries it as the cause).
    const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : '';
    return { kind: 'retryable', reason: `network: ${error instanceof Error ? error.message : String(error)}${cause}` };
  }
  const { status } = error;
  const body = parseErrorBody(error.body);
  const reason = describe(status, body);
  if (status === 409) return { kind: 'alreadyAccepted', ...sentMessagesOf(body) };
  if (status === 429) return { kind: 'rateLimited', reason, scope: rateLimitScope(body?.message) };
  if (status >= 500) return { kind: 'retryable', reason, status };
  return { kind: 'rejected', status, reason, ...(body?.details?.length ? { details: body.details } : {}) };
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
