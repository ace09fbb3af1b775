import type { PgBoss } from 'pg-boss';
import type { Clock } from '../clock.ts';
import type { ProfileLookup } from '../line/port.ts';

export type { ProfileLookup } from '../line/port.ts';

/** What the run machinery needs from the process: the queue, the clock and LINE's profile API. */
export interface RunContext {
  boss: PgBoss;
  clock: Clock;
  /** A friend's LINE profile (ingest/profiles.ts retries failures and paces the calls). */
  fetchProfile(channelId: string, lineUserId: string): Promise<ProfileLookup>;
  /** `https://<public host>/l/<signed token>`: where this friend's clicks on links sent by this run land. */
  clickBaseUrl(friendId: string, runId: string): string;
}
