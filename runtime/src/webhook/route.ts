import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ApiErrorBody } from '@lsb/shared/api';
import { acceptWebhookEvents } from '../services/webhook-events.ts';
import { parseWebhookBody } from '../line/schemas/index.ts';
import { verifyWebhookSignature } from '../line/signature.ts';
import { ApiError } from '../errors.ts';

/**
 * LINE's webhook. The signature is checked over the raw bytes before anything is parsed; events are
 * stored (deduplicated on webhookEventId) with one job each in the same transaction, and the answer is
 * 200 at once. The work happens in the webhook-event worker, so a slow step never makes LINE retry.
 */
export const webhookRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));

  app.post('/webhooks/line/:channelId', {
    schema: {
      tags: ['webhook'],
      params: Type.Object({ channelId: Type.String({ format: 'uuid' }) }),
      headers: Type.Object({ 'x-line-signature': Type.Optional(Type.String()) }),
      response: { 200: Type.Object({ received: Type.Integer() }), 400: ApiErrorBody, 401: ApiErrorBody, 404: ApiErrorBody },
    },
  }, async (request) => {
    const raw = request.body as Buffer;
    const channel = await app.channelCredentials.get(request.params.channelId);
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

    await acceptWebhookEvents(app.db, app.boss, channel, events, app.clock.now());
    return { received: events.length };
  });
};
