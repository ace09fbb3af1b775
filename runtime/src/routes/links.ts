import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { runtimeT } from '../i18n/index.ts';
import { openTrackedLink } from '../services/links.ts';
import { declareAccess } from '../plugins/access.ts';

const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

// A person on a phone opens this, not an API client: a miss is a small page, not JSON.
// Who opens it is unknown, so it speaks both languages.
const [ja, en] = [runtimeT('ja'), runtimeT('en')];
const NOT_FOUND_PAGE = `<!doctype html><html lang="ja"><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>${ja('link.notFoundTitle')} / ${en('link.notFoundTitle')}</title>
<p>${ja('link.notFoundText')}<br>${en('link.notFoundText')}</p></html>`;

/**
 * Chat apps and social sites fetch a URL to draw its preview card before (or without) anyone
 * tapping it. They get the redirect, so the card shows the page, but are not counted as a click.
 */
const PREVIEW_FETCHERS = /facebookexternalhit|facebookcatalog|Twitterbot|Slackbot|Slack-ImgProxy|Discordbot|WhatsApp|TelegramBot|LinkedInBot|SkypeUriPreview|Pinterestbot|redditbot|Embedly|Iframely|vkShare|Applebot|Googlebot|bingbot|Google-PageRenderer|Mastodon|Bluesky|Line-Poker|LineUrlPreview|linebot|bitlybot|Yahoo! Slurp|Baiduspider|YandexBot|DuckDuckBot/i;

export function isPreviewFetcher(userAgent: string | undefined): boolean {
  return userAgent !== undefined && PREVIEW_FETCHERS.test(userAgent);
}

/**
 * Tracked links (`{link:<id>}` in a message): `/l/<token>/<linkId>` redirects to that link's stored
 * URL, and nowhere else, so it is no open redirect. A person's first open of the link from a send
 * counts as a click; repeats, opens after the token's expiry, HEAD requests and preview fetchers are
 * redirected without counting. A token this server did not make is a 404 page.
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
    const now = app.clock.now();
    const claim = app.clickTokens.verify(token, now);
    const countable = request.method === 'GET' && !isPreviewFetcher(request.headers['user-agent']);
    const url = claim && UUID.test(linkId) ? await openTrackedLink(app.db, app.runContext, { claim, token, linkId, countable }) : undefined;
    // Never cached: a cached redirect would hide the first open.
    reply.header('cache-control', 'no-store');
    reply.header('referrer-policy', 'no-referrer');
    if (!url) return reply.code(404).type('text/html; charset=utf-8').send(NOT_FOUND_PAGE);
    return reply.redirect(url, 302);
  });
};
