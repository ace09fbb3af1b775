import type { MailOutbox } from '@lsb/shared/api';
import type { Db } from '../db/pool.ts';
import { listMail } from '../store/mail.ts';

export async function mailOutbox(db: Db, smtpConfigured: boolean): Promise<MailOutbox> {
  const rows = await listMail(db);
  return { smtpConfigured, messages: rows.map(({ seq: _seq, ...row }) => ({ ...row, createdAt: row.createdAt.toISOString() })) };
}
