import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import { Type } from 'typebox';
import { runtimeT } from '../i18n/index.ts';
import { declareAccess } from '../plugins/access.ts';
import { recordPublicConversion, type ConversionDeps } from '../services/conversions.ts';
import { isRedirectableUrl } from '../services/links.ts';
import { isPreviewFetcher } from './links.ts';
import { publicUrlOf } from './public-url.ts';

// The smallest transparent GIF (1×1, 42 bytes).
const PIXEL = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');
const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const [ja, en] = [runtimeT('ja'), runtimeT('en')];
const NOT_FOUND_PAGE = `<!doctype html><html lang="ja"><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>${ja('link.notFoundTitle')} / ${en('link.notFoundTitle')}</title>
<p>${ja('link.notFoundText')}<br>${en('link.notFoundText')}</p></html>`;

const Params = Type.Object({ pointId: Type.String({ maxLength: 100 }) });
const Query = Type.Object({
  ct: Type.Optional(Type.String({ maxLength: 200 })),
  order: Type.Optional(Type.String({ maxLength: 200 })),
  value: Type.Optional(Type.String({ maxLength: 30 })),
  to: Type.Optional(Type.String({ maxLength: 2000 })),
});

function noStore(reply: FastifyReply, outcome: string): void {
  reply.header('cache-control', 'no-store');
  reply.header('referrer-policy', 'no-referrer');
  reply.header('x-lsb-conversion', outcome);
}

/**
 * A shop's thank-you page reports a conversion with the friend's click token (`ct`), as an image or
 * a link through us. The pixel is always the same GIF (a page never breaks over it); the outcome is
 * the `x-lsb-conversion` header. The redirect goes only to one of the point's own URLs: `to` picks
 * one of them, anything else (another site, a `//host`, a javascript: URL) gets the first.
 */
export const conversionPublicRoutes: FastifyPluginAsyncTypebox = async (app) => {
  // Public: the shop's page calls these in the friend's browser, with no account.
  declareAccess(app, 'public');
  const deps = (): ConversionDeps => ({ db: app.db, boss: app.boss, clock: app.clock, clickTokens: app.clickTokens, publicUrl: publicUrlOf(app) });
  const countable = (method: string, userAgent: string | undefined) => method === 'GET' && !isPreviewFetcher(userAgent);

  app.get('/c/:pointId/pixel.gif', { schema: { tags: ['conversions'], params: Params, querystring: Query } }, async (request, reply) => {
    const { pointId } = request.params;
    const { outcome } = UUID.test(pointId)
      ? await recordPublicConversion(deps(), pointId, request.query, 'pixel', countable(request.method, request.headers['user-agent']))
      : { outcome: 'unknown_point' as const };
    noStore(reply, outcome);
    return reply.code(200).type('image/gif').send(PIXEL);
  });

  app.get('/c/:pointId/go', { schema: { tags: ['conversions'], params: Params, querystring: Query } }, async (request, reply) => {
    const { pointId } = request.params;
    const { outcome, point } = UUID.test(pointId)
      ? await recordPublicConversion(deps(), pointId, request.query, 'redirect', countable(request.method, request.headers['user-agent']))
      : { outcome: 'unknown_point' as const, point: undefined };
    noStore(reply, outcome);
    const urls = (Array.isArray(point?.urls) ? point.urls : []).filter((u): u is string => typeof u === 'string' && isRedirectableUrl(u));
    const target = urls.find((u) => u === request.query.to) ?? urls[0];
    if (!target) return reply.code(404).type('text/html; charset=utf-8').send(NOT_FOUND_PAGE);
    return reply.redirect(target, 302);
  });
};
