import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ApiErrorBody } from '@lsb/shared/api';
import { webhookEvents } from '../db/schema/index.ts';
import { queueJobs } from '../store/jobs.ts';
import { QUEUES } from '../store/queues.ts';
import { parseWebhookBody, type WebhookEvent } from '../line/schemas/index.ts';
import { verifyWebhookSignature } from '../line/signature.ts';
import { ApiError } from '../errors.ts';
import { channelSecrets } from './channel-secrets.ts';

/**
 * LINE's webhook. The signature is checked over the raw bytes before anything is parsed; events are
 * stored (deduplicated on webhookEventId) with one job each in the same transaction, and the answer is
 * 200 at once. The work happens in the webhook-event worker, so a slow step never makes LINE retry.
 */
export const webhookRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
  const secrets = channelSecrets(app.db, app.secretBox);

  app.post('/webhooks/line/:channelId', {
    schema: {
      tags: ['webhook'],
      params: Type.Object({ channelId: Type.String({ format: 'uuid' }) }),
      headers: Type.Object({ 'x-line-signature': Type.Optional(Type.String()) }),
      response: { 200: Type.Object({ received: Type.Integer() }), 400: ApiErrorBody, 401: ApiErrorBody, 404: ApiErrorBody },
    },
  }, async (request) => {
    const raw = request.body as Buffer;
    const channel = await secrets.get(request.params.channelId);
    if (!channel) throw new ApiError(404, 'channel_not_found', 'No channel has this webhook URL.');
    const signature = request.headers['x-line-signature'];
    if (!verifyWebhookSignature(raw, channel.channelSecret, signature)) {
      request.log.warn({ channelId: channel.id }, 'webhook with a missing or wrong signature');
      throw new ApiError(401, 'invalid_signature', 'The x-line-signature header does not match the body.');
    }
    let json: unknown;
    try {
      json = JSON.parse(raw.toString('utf8'));
    } catch {
      throw new ApiError(400, 'invalid_json', 'The body is not JSON.');
    }
    const parsed = parseWebhookBody(json);
    if (!parsed.ok) throw new ApiError(400, 'invalid_webhook_body', 'The body is not a LINE webhook body.', parsed.details);
    const { events, ignored, invalid } = parsed.value;
    if (ignored.length || invalid.length) request.log.info({ ignored, invalid: invalid.map((i) => i.type) }, 'webhook events set aside');
    if (events.length === 0) return { received: 0 };

    const now = app.clock.now();
    await app.db.transaction(async (tx) => {
      const inserted = await tx.insert(webhookEvents)
        .values(events.map((event) => ({
          workspaceId: channel.workspaceId, channelId: channel.id, webhookEventId: event.webhookEventId, event, receivedAt: now,
        })))
        .onConflictDoNothing()
        .returning({ webhookEventId: webhookEvents.webhookEventId });
      if (inserted.length === 0) return; // every event was a redelivery we already hold
      await queueJobs(app.boss, tx, QUEUES.webhookEvent,
        groupByUser(events, new Set(inserted.map((row) => row.webhookEventId)))
          .map((webhookEventIds) => ({ data: { channelId: channel.id, webhookEventIds } })));
    });
    return { received: events.length };
  });
};

/**
 * The new events, one list per user in body order. One job per event let a user's follow and
 * unfollow in one POST run in either order (pg-boss does not keep insertion order), leaving a
 * friend who blocked us active and in a scenario; one job per user applies them in order.
 */
function groupByUser(events: WebhookEvent[], isNew: Set<string>): string[][] {
  const groups = new Map<string, string[]>();
  for (const event of events) {
    if (!isNew.delete(event.webhookEventId)) continue; // a redelivery, or the same id twice in one body
    const key = event.source.userId ?? `event:${event.webhookEventId}`;
    const group = groups.get(key);
    if (group) group.push(event.webhookEventId);
    else groups.set(key, [event.webhookEventId]);
  }
  return [...groups.values()];
}
