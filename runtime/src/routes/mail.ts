import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ApiErrorBody, MailOutbox } from '@lsb/shared/api';
import { declareAccess } from '../plugins/access.ts';
import { ApiError } from '../errors.ts';
import { mailOutbox } from '../services/mail.ts';
import { userOf } from './auth.ts';

export const mailRoutes: FastifyPluginAsyncTypebox = async (app) => {
  declareAccess(app, 'user');
  app.get('/api/mail/outbox', { schema: { tags: ['accounts'], response: { 200: MailOutbox, 401: ApiErrorBody, 403: ApiErrorBody } } }, async (request) => {
    if (!userOf(request).isOperator) throw new ApiError(403, 'not_operator', 'The mail outbox is for the operator of this installation.');
    return mailOutbox(app.db, app.mailer.smtpConfigured);
  });
};
