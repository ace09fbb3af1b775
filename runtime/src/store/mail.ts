import { desc } from 'drizzle-orm';
import { mailOutbox } from '../db/schema/index.ts';
import type { DbOrTx } from './users.ts';

export type MailRow = typeof mailOutbox.$inferSelect;

export async function insertMail(db: DbOrTx, row: Omit<MailRow, 'id' | 'seq'>): Promise<void> {
  await db.insert(mailOutbox).values(row);
}

export async function listMail(db: DbOrTx, limit = 200): Promise<MailRow[]> {
  return db.select().from(mailOutbox).orderBy(desc(mailOutbox.seq)).limit(limit);
}
