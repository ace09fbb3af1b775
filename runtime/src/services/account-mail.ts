import type { MailKind } from '@lsb/shared/api';
import type { Mail } from '../accounts/mailer.ts';
import { runtimeT } from '../i18n/index.ts';

type Texts = (t: ReturnType<typeof runtimeT>) => { subject: string; text: string };

/** The product does not know a recipient's language before they log in: every mail is Japanese, then English. */
export function bilingualMail(kind: MailKind, to: string, link: string, texts: Texts): Mail {
  const ja = texts(runtimeT('ja'));
  const en = texts(runtimeT('en'));
  return { kind, to, link, subject: `${ja.subject} / ${en.subject}`, text: `${ja.text}\n\n----\n\n${en.text}\n` };
}
