import type { PgBoss } from 'pg-boss';
import type { Clock } from '../clock.ts';

export interface LineProfile {
  displayName: string;
  pictureUrl?: string | null;
}

/**
 * LINE's answer to a profile request: the profile, "no such friend" (never added, or blocked us:
 * final), or a failure worth retrying (5xx, 429, timeout, network).
 */
export type ProfileLookup =
  | { kind: 'found'; profile: LineProfile }
  | { kind: 'notFound' }
  | { kind: 'failed'; reason: string };

/** What the run machinery needs from the process: the queue, the clock and LINE's profile API. */
export interface RunContext {
  boss: PgBoss;
  clock: Clock;
  /** A friend's LINE profile (ingest/profiles.ts retries failures and paces the calls). */
  fetchProfile(channelId: string, lineUserId: string): Promise<ProfileLookup>;
  /** `https://<public host>/l/<signed token>`: where this friend's clicks on links sent by this run land. */
  clickBaseUrl(friendId: string, runId: string): string;
}
