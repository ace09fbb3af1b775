import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { runtimeT } from '../i18n/index.ts';
import { recordClick } from '../services/links.ts';
import { declareAccess } from '../plugins/access.ts';

const UUID = '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$';

// A person on a phone opens this, not an API client: a miss is a small page, not JSON.
// Who opens it is unknown, so it speaks both languages.
const [ja, en] = [runtimeT('ja'), runtimeT('en')];
const NOT_FOUND_PAGE = `<!doctype html><html lang="ja"><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>${ja('link.notFoundTitle')} / ${en('link.notFoundTitle')}</title>
<p>${ja('link.notFoundText')}<br>${en('link.notFoundText')}</p></html>`;

/**
 * Tracked links (`{link:<id>}` in a message): `/l/<signed token>/<linkId>` records the click and
 * redirects to the link's URL. A token this server did not sign records nothing.
 */
export const linkRoutes: FastifyPluginAsyncTypebox = async (app) => {
  // Public: reached by LINE, by friends on their phones, or by monitoring, without an account.
  declareAccess(app, 'public');
  app.get('/l/:token/:linkId', {
    schema: {
      tags: ['links'],
      params: Type.Object({ token: Type.String({ maxLength: 200 }), linkId: Type.String({ maxLength: 100 }) }),
      response: { 302: Type.Null(), 404: Type.String() },
    },
  }, async (request, reply) => {
    const { token, linkId } = request.params;
    const claim = app.clickTokens.verify(token);
    const url = claim && new RegExp(UUID).test(linkId) ? await recordClick(app.db, app.runContext, claim, token, linkId) : undefined;
    // Never cached: every open is a click to count.
    reply.header('cache-control', 'no-store');
    if (!url) return reply.code(404).type('text/html; charset=utf-8').send(NOT_FOUND_PAGE);
    return reply.redirect(url, 302);
  });
};
