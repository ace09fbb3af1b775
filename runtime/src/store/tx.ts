import type { Db } from '../db/pool.ts';

export type { Db };

/** A drizzle transaction or the database itself: every store function composes inside the caller's transaction. */
export type Tx = Db | Parameters<Parameters<Db['transaction']>[0]>[0];
