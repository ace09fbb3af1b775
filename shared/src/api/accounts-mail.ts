import { Type, type Static } from 'typebox';
import { IsoDateTime, Uuid } from './common.ts';

/*
 * Mail the product sends (invitations, password resets). With SMTP_URL set it goes out through
 * SMTP; without it, it lands in this outbox (and the log), so an offline set-up still works.
 * GET /api/mail/outbox → MailOutbox; the installation's operator only (403 `not_operator`).
 */

export const MailKind = Type.Union([Type.Literal('invitation'), Type.Literal('password_reset')]);
export type MailKind = Static<typeof MailKind>;

export const MailMessage = Type.Object({
  id: Uuid,
  kind: MailKind,
  to: Type.String(),
  subject: Type.String(),
  text: Type.String(),
  /** The link the mail carries (invitation or reset), for the outbox page to make clickable. */
  link: Type.String(),
  createdAt: IsoDateTime,
});
export type MailMessage = Static<typeof MailMessage>;

export const MailOutbox = Type.Object({
  /** True when SMTP_URL is set: mail then goes out and the outbox stays empty. */
  smtpConfigured: Type.Boolean(),
  messages: Type.Array(MailMessage),
});
export type MailOutbox = Static<typeof MailOutbox>;
