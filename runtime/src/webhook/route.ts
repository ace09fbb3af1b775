import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { createHash } from 'node:crypto';
import { Type } from 'typebox';
import { ApiErrorBody } from '@lsb/shared/api';
import { parseWebhookBody } from '../line/schemas/index.ts';
import { verifyWebhookSignature } from '../line/signature.ts';
import { ApiError } from '../errors.ts';
import { declareAccess } from '../plugins/access.ts';
import { cleanJson } from './clean-text.ts';
import { createWebhookInbox, type InboxOptions } from '../services/webhook-events.ts';

/**
 * LINE's webhook. The signature is checked over the raw bytes before anything is parsed; events are
 * stored (deduplicated on webhookEventId) by a group commit, and the answer is 200 once they are
 * committed. The work happens in the ingest drain (ingest/drain.ts), in this process when it runs
 * the workers, otherwise through a job, so a slow step never makes LINE retry.
 */
export const webhookRoutes: FastifyPluginAsyncTypebox<Pick<InboxOptions, 'drainHere'>> = async (app, options) => {
  // Public: reached by LINE, by friends on their phones, or by monitoring, without an account.
  declareAccess(app, 'public');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
  const inbox = createWebhookInbox(app.db, app.boss, { drainHere: options.drainHere });
  app.addHook('onClose', () => inbox.idle());

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
    // NUL and lone surrogates (escaped in the JSON) cannot be stored: cleaned, never a reason to fail.
    const parsed = parseWebhookBody(raw.includes('\\u') ? cleanJson(json) : json);
    if (!parsed.ok) throw new ApiError(400, 'invalid_webhook_body', 'The body is not a LINE webhook body.', parsed.details);
    const { events, ignored, setAside } = parsed.value;
    if (ignored.length || setAside.length) {
      request.log.info({ ignored, setAside: setAside.map((event) => ({ index: event.index, type: event.type, reason: event.reason })) }, 'webhook events set aside');
    }
    const receivedAt = app.clock.now();
    const common = { workspaceId: channel.workspaceId, channelId: channel.id, receivedAt };
    // Each event is stored on its own: applied later in arrival order, or kept with the reason it
    // was set aside. One broken event never costs its neighbours their place.
    await inbox.add([
      ...events.map((event) => ({ ...common, webhookEventId: event.webhookEventId, event })),
      ...setAside.map((event) => ({
        ...common,
        webhookEventId: event.webhookEventId ?? `set-aside:${createHash('sha256').update(JSON.stringify(event.raw)).digest('base64url')}`,
        event: event.raw,
        setAsideReason: event.reason,
        lastError: event.details ? JSON.stringify(event.details).slice(0, 2000) : null,
        processedAt: receivedAt,
      })),
    ]);
    return { received: events.length + setAside.length };
  });
};
