import type { FastifyInstance } from 'fastify';
import type { FakeLine } from './fake-line.ts';
import { authorizeErrorPage, consentPage, type AuthorizeParams } from './login-page.ts';
import { LOGIN_ERRORS, type TokenRequest } from './login.ts';
import { bearerToken } from './send-routes.ts';

/**
 * LINE Login v2.1 as the fake serves it, offline: the authorize page (access.line.me), the token
 * and verify endpoints and the profile (api.line.me). Bodies are form-encoded here, as on LINE.
 * Registered in its own context so the form parser stays out of the Messaging API routes.
 */
export async function fakeLoginRoutes(app: FastifyInstance, options: { fake: FakeLine }): Promise<void> {
  const { fake } = options;
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 64 * 1024 }, (_request, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(body as string)));
  });

  app.get('/oauth2/v2.1/authorize', async (request, reply) => {
    const checked = checkAuthorize(request.query as Record<string, unknown>);
    reply.type('text/html; charset=utf-8').header('cache-control', 'no-store');
    if (typeof checked === 'string') return reply.code(400).send(authorizeErrorPage(checked));
    return consentPage(checked, fake.users.list().filter((user) => !user.blocked));
  });

  app.post('/oauth2/v2.1/authorize/consent', async (request, reply) => {
    const form = (request.body ?? {}) as Record<string, unknown>;
    const checked = checkAuthorize(form);
    if (typeof checked === 'string') return reply.code(400).type('text/html; charset=utf-8').send(authorizeErrorPage(checked));
    const back = new URL(checked.redirect_uri);
    if (form.decision !== 'allow') {
      back.searchParams.set('error', 'access_denied');
      back.searchParams.set('error_description', 'The resource owner denied the request.');
      back.searchParams.set('state', checked.state);
      return reply.redirect(back.toString(), 302);
    }
    const userId = typeof form.userId === 'string' && fake.users.get(form.userId) ? form.userId : newUser(fake, form.displayName);
    if (!userId) return reply.code(400).type('text/html; charset=utf-8').send(authorizeErrorPage('表示名を入力してください / Enter a display name'));
    const code = fake.login.issueCode({ clientId: checked.client_id, redirectUri: checked.redirect_uri, userId, nonce: checked.nonce, scope: checked.scope });
    back.searchParams.set('code', code);
    back.searchParams.set('state', checked.state);
    // Adding the account happens on its own page in the fake, so the friendship never changes here.
    if (checked.bot_prompt) back.searchParams.set('friendship_status_changed', 'false');
    return reply.redirect(back.toString(), 302);
  });

  app.post('/oauth2/v2.1/token', async (request, reply) => {
    const answer = fake.login.exchange((request.body ?? {}) as TokenRequest, (userId) => fake.users.get(userId));
    return reply.code(answer.status).header('cache-control', 'no-store').send(answer.body);
  });

  app.post('/oauth2/v2.1/verify', async (request, reply) => {
    const form = (request.body ?? {}) as Record<string, string | undefined>;
    const answer = fake.login.verifyIdToken(form.id_token, form.client_id);
    return reply.code(answer.status).send(answer.body);
  });

  app.get('/v2/profile', async (request, reply) => {
    const token = bearerToken(request);
    const userId = token === undefined ? undefined : fake.login.userOf(token);
    const user = userId === undefined ? undefined : fake.users.get(userId);
    if (!user) return reply.code(401).send(LOGIN_ERRORS.invalidAccessToken);
    return { userId: user.userId, displayName: user.displayName, ...(user.pictureUrl ? { pictureUrl: user.pictureUrl } : {}) };
  });
}

function newUser(fake: FakeLine, displayName: unknown): string | undefined {
  const name = typeof displayName === 'string' ? displayName.trim().slice(0, 20) : '';
  return name ? fake.users.register({ displayName: name }).userId : undefined;
}

/** What LINE checks before showing its login screen; a problem is shown as a page, not redirected. */
function checkAuthorize(input: Record<string, unknown>): AuthorizeParams | string {
  const text = (name: string) => (typeof input[name] === 'string' && (input[name] as string).length <= 1000 ? input[name] as string : undefined);
  const responseType = text('response_type');
  const clientId = text('client_id');
  const redirectUri = text('redirect_uri');
  const state = text('state');
  const scope = text('scope');
  if (responseType !== 'code') return 'response_type must be "code"';
  if (!clientId || !/^[0-9]{1,20}$/.test(clientId)) return 'client_id is invalid';
  if (!redirectUri || !/^https?:\/\/[^\s]+$/.test(redirectUri) || !URL.canParse(redirectUri)) return 'redirect_uri is invalid';
  if (!state) return 'state is required';
  if (!scope || !scope.split(' ').includes('openid')) return 'scope must include openid';
  const nonce = text('nonce');
  const botPrompt = text('bot_prompt');
  return {
    response_type: responseType, client_id: clientId, redirect_uri: redirectUri, state, scope,
    ...(nonce ? { nonce } : {}), ...(botPrompt === 'normal' || botPrompt === 'aggressive' ? { bot_prompt: botPrompt } : {}),
  };
}
