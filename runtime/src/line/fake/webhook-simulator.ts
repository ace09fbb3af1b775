import type { WebhookEvent } from '../schemas/index.ts';
import { signWebhookBody } from '../signature.ts';

/** Posts webhook events the way LINE does: one signed JSON body, possibly many events. */

export interface SimulateWebhookOptions {
  targetUrl: string;
  channelSecret: string;
  events: Array<WebhookEvent | Record<string, unknown>>;
  /** The bot's user id; LINE sends it as `destination`. */
  destination?: string;
  /** Default 10 s; the webhook answer is awaited so tests see its status. */
  timeoutMs?: number;
}

export interface WebhookDelivery {
  status: number;
  body: string;
  /** The exact bytes sent and their signature, for tests that replay or tamper with them. */
  rawBody: string;
  signature: string;
}

export async function simulateWebhook(options: SimulateWebhookOptions): Promise<WebhookDelivery> {
  const rawBody = JSON.stringify({ destination: options.destination ?? 'U00000000000000000000000000000000', events: options.events });
  const signature = signWebhookBody(rawBody, options.channelSecret);
  const response = await fetch(options.targetUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json; charset=utf-8', 'x-line-signature': signature, 'user-agent': 'LineBotWebhook/2.0' },
    body: rawBody,
    signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
  });
  return { status: response.status, body: await response.text(), rawBody, signature };
}
