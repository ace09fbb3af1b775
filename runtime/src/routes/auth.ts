import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import {
  ApiErrorBody, ChangePasswordBody, CsrfToken, LoginBody, Me, PasswordResetBody, PasswordResetRequestBody, Session, SetupStatus, SignupBody, SwitchBody,
} from '@lsb/shared/api';
import { declareAccess, type Principal } from '../plugins/access.ts';
import { ApiError } from '../errors.ts';
import { type UserRow, changePassword, logIn, meOf, needsOwner, requestPasswordReset, resetPassword, signUpFirstOwner } from '../services/accounts.ts';
import { currentContext, rotateSession, endSession, endEverySession } from '../services/sessions.ts';
import { publicUrlOf } from './public-url.ts';

const errors = { 400: ApiErrorBody, 401: ApiErrorBody, 403: ApiErrorBody, 404: ApiErrorBody, 409: ApiErrorBody, 429: ApiErrorBody };
const tags = ['accounts'];
const PER_ACCOUNT_LOGIN = { max: 10, timeWindow: 15 * 60_000 };
const PER_ACCOUNT_RESET = { max: 5, timeWindow: 60 * 60_000 };

export const userOf = (request: FastifyRequest) => {
  const principal = request.principal as Principal | null;
  if (principal?.kind !== 'user') throw new ApiError(401, 'unauthenticated', 'Log in to continue.');
  return principal.user;
};

export const authRoutes: FastifyPluginAsyncTypebox = async (app) => {
  declareAccess(app, 'user');
  const pub = { access: 'public' as const };
  const perIp = (name: string) => app.rateLimit({ max: app.config.AUTH_RATE_LIMIT_PER_MINUTE, timeWindow: 60_000, keyGenerator: (r) => `${name}:${r.ip}` });
  // Per account as well as per address: a spread-out guessing attack on one account still stops.
  // `count: 'failures'` counts only wrong passwords, so the owner logging in all day is never locked out.
  const perAccount = (name: string, limits: { max: number; timeWindow: number }) => {
    const check = app.createRateLimit({ ...limits, keyGenerator: (r) => `${name}:${(r.body as { email: string }).email.trim().toLowerCase()}` });
    return {
      async assertAllowed(request: FastifyRequest) {
        const seen = await check(request, { increment: false });
        if (!seen.isAllowed && seen.remaining === 0) {
          throw new ApiError(429, 'rate_limited', `Too many attempts for this account. Try again in ${seen.ttlInSeconds} seconds.`);
        }
      },
      async count(request: FastifyRequest) {
        await check(request);
      },
    };
  };
  const loginPerAccount = perAccount('login-account', PER_ACCOUNT_LOGIN);
  const resetPerAccount = perAccount('reset-account', PER_ACCOUNT_RESET);

  const sessionAnswer = async (request: FastifyRequest, reply: FastifyReply, user: UserRow) => {
    const csrfToken = await rotateSession(app.db, request, reply, user.id);
    return { me: await meOf(app.db, user, currentContext(request)), csrfToken };
  };

  app.get('/api/auth/setup', { config: pub, schema: { tags, response: { 200: SetupStatus } } }, async () => ({ needsOwner: await needsOwner(app.db) }));

  app.post('/api/auth/signup', { config: pub, preHandler: perIp('signup'), schema: { tags, body: SignupBody, response: { 201: Session, ...errors } } },
    async (request, reply) => {
      const user = await signUpFirstOwner(app.db, request.body);
      return reply.code(201).send(await sessionAnswer(request, reply, user));
    });

  app.post('/api/auth/login', { config: pub, preHandler: perIp('login'), schema: { tags, body: LoginBody, response: { 200: Session, ...errors } } },
    async (request, reply) => {
      await loginPerAccount.assertAllowed(request);
      const user = await logIn(app.db, request.body.email, request.body.password).catch(async (error: unknown) => {
        await loginPerAccount.count(request);
        throw error;
      });
      return sessionAnswer(request, reply, user);
    });

  app.get('/api/auth/csrf', { config: pub, schema: { tags, response: { 200: CsrfToken } } }, (_request, reply) => ({ csrfToken: reply.generateCsrf() }));

  app.post('/api/auth/logout', { schema: { tags, response: { 204: Type.Null(), ...errors } } }, async (request, reply) => {
    await endSession(request);
    return reply.code(204).send(null);
  });

  app.post('/api/auth/logout-everywhere', { schema: { tags, response: { 204: Type.Null(), ...errors } } }, async (request, reply) => {
    await endEverySession(app.db, request, userOf(request).id);
    return reply.code(204).send(null);
  });

  app.get('/api/auth/me', { schema: { tags, response: { 200: Me, ...errors } } }, (request) => meOf(app.db, userOf(request), currentContext(request)));

  app.post('/api/auth/switch', { schema: { tags, body: SwitchBody, response: { 200: Me, ...errors } } }, async (request) => {
    const user = userOf(request);
    const me = await meOf(app.db, user, {});
    const { organizationId, workspaceId } = request.body;
    if (organizationId && !me.organizations.some((o) => o.id === organizationId)) throw new ApiError(404, 'organization_not_found', 'No such organization.');
    const workspace = workspaceId ? me.workspaces.find((w) => w.id === workspaceId) : undefined;
    if (workspaceId && !workspace) throw new ApiError(404, 'workspace_not_found', 'No such workspace.');
    request.session.currentOrganizationId = workspace?.organizationId ?? organizationId;
    request.session.currentWorkspaceId = workspaceId;
    return meOf(app.db, user, currentContext(request));
  });

  app.post('/api/auth/password', { schema: { tags, body: ChangePasswordBody, response: { 200: CsrfToken, ...errors } } }, async (request, reply) => {
    const user = userOf(request);
    await changePassword(app.db, user, request.body.currentPassword, request.body.newPassword, request.session.sessionId);
    return { csrfToken: await rotateSession(app.db, request, reply, user.id) };
  });

  app.post('/api/auth/password-reset/request', {
    config: pub, preHandler: perIp('reset'), schema: { tags, body: PasswordResetRequestBody, response: { 202: Type.Null(), ...errors } },
  }, async (request, reply) => {
    await resetPerAccount.assertAllowed(request);
    await resetPerAccount.count(request);
    await requestPasswordReset(app.db, app.mailer, request.body.email, app.clock.now(), publicUrlOf(app));
    return reply.code(202).send(null);
  });

  app.post('/api/auth/password-reset', {
    config: pub, preHandler: perIp('reset'), schema: { tags, body: PasswordResetBody, response: { 204: Type.Null(), ...errors } },
  }, async (request, reply) => {
    await resetPassword(app.db, request.body.token, request.body.newPassword, app.clock.now());
    return reply.code(204).send(null);
  });
};
