import nodemailer from 'nodemailer';
import type { FastifyBaseLogger } from 'fastify';
import type { MailKind } from '@lsb/shared/api';
import type { Db } from '../db/pool.ts';
import { insertMail } from '../store/mail.ts';

export interface Mail {
  kind: MailKind;
  to: string;
  subject: string;
  text: string;
  link: string;
}

export interface Mailer {
  readonly smtpConfigured: boolean;
  send(mail: Mail): Promise<void>;
}

/**
 * With SMTP_URL, mail goes out through nodemailer. Without it, it lands in the operator's outbox
 * (a table the mail outbox page reads) and in the log, so an offline installation still invites
 * people and resets passwords.
 */
export function createMailer(options: { smtpUrl?: string; from: string; db: Db; log: FastifyBaseLogger; now: () => Date }): Mailer {
  if (options.smtpUrl) {
    const transport = nodemailer.createTransport(options.smtpUrl);
    return {
      smtpConfigured: true,
      async send(mail) {
        await transport.sendMail({ from: options.from, to: mail.to, subject: mail.subject, text: mail.text });
      },
    };
  }
  return {
    smtpConfigured: false,
    async send(mail) {
      await insertMail(options.db, { ...mail, createdAt: options.now() });
      options.log.warn({ to: mail.to, subject: mail.subject, link: mail.link }, 'mail kept in the outbox (SMTP_URL is not set)');
    },
  };
}
