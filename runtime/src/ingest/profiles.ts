import type { Job } from 'pg-boss';
import { findProfileTarget, settleProfile } from '../store/friends.ts';
import { queueJobs } from '../store/jobs.ts';
import { PROFILE_RETRY_LIMIT, QUEUES, type ProfileJob } from '../store/queues.ts';
import { runsWaitingForProfile } from '../store/runs.ts';
import type { Db } from '../store/tx.ts';
import type { ProfileLookup, RunContext } from '../runs/context.ts';
import { cleanText } from '../webhook/clean-text.ts';

/**
 * How long a batch of follows waits for its profiles, fetched all at once: the usual case has
 * every name before the welcome is written. A profile not back by then is fetched again by its own
 * job, and a `{name}` message without a fallback waits for it (engine/nodes/send.ts).
 */
export const PROFILE_PREFETCH_DEADLINE_MS = 1_500;

export type ProfileFetcher = ReturnType<typeof createProfileFetcher>;

/**
 * Profile lookups for the webhook's batches and the profile job. LINE allows 2,000 profile reads a
 * second per channel: the gateway paces every read by the rate budget all processes share, so a
 * burst of follows is paced instead of answered with 429s.
 */
export function createProfileFetcher(fetchProfile: RunContext['fetchProfile']) {
  async function one(channelId: string, lineUserId: string): Promise<ProfileLookup> {
    try {
      const lookup = await fetchProfile(channelId, lineUserId);
      // A display name with NUL or a lone surrogate is stored cleaned, never refused.
      return lookup.kind === 'found' ? { kind: 'found', profile: { ...lookup.profile, displayName: cleanText(lookup.profile.displayName) } } : lookup;
    } catch (error) {
      return { kind: 'failed', reason: (error as Error).message };
    }
  }

  /** Concurrent lookups; those not answered within `deadlineMs` are left out (their jobs retry). */
  async function many(channelId: string, lineUserIds: string[], deadlineMs = PROFILE_PREFETCH_DEADLINE_MS): Promise<Map<string, ProfileLookup>> {
    const answers = new Map<string, ProfileLookup>();
    if (lineUserIds.length === 0) return answers;
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<void>((resolve) => { timer = setTimeout(resolve, deadlineMs); });
    const all = Promise.all([...new Set(lineUserIds)].map(async (id) => { answers.set(id, await one(channelId, id)); }));
    await Promise.race([all, deadline]);
    clearTimeout(timer);
    return new Map(answers);
  }

  return { one, many };
}

/**
 * One friend's profile, fetched until LINE answers: a failure (5xx, 429, timeout) throws, so the
 * job is retried with back-off; the last attempt gives up (`unavailable`, `{name}` renders empty
 * or its fallback). The name and the wake-ups of sends waiting for it commit together.
 */
export async function fetchFriendProfile(db: Db, ctx: RunContext, fetcher: ProfileFetcher, job: Job<ProfileJob>): Promise<void> {
  const friend = await findProfileTarget(db, job.data.friendId);
  if (!friend || friend.profileStatus !== 'pending') return;
  const lookup = await fetcher.one(friend.channelId, friend.lineUserId);
  if (lookup.kind === 'failed' && job.retryCount < PROFILE_RETRY_LIMIT) throw new Error(`LINE did not give the profile: ${lookup.reason}`);
  await db.transaction(async (tx) => {
    const settled = await settleProfile(tx, friend.id, lookup.kind === 'found'
      ? { displayName: lookup.profile.displayName, pictureUrl: lookup.profile.pictureUrl ?? null, profileStatus: 'fetched' }
      : { profileStatus: 'unavailable' });
    if (!settled) return;
    const waiting = await runsWaitingForProfile(tx, friend.id);
    if (waiting.length === 0) return;
    await queueJobs(ctx.boss, tx, QUEUES.wake, waiting.map((run) => ({ data: run })));
  });
}
