import type { Job } from 'pg-boss';
import { pendingProfiles, settleProfiles, type SettledProfile } from '../store/friends.ts';
import { PROFILE_RETRY_LIMIT, type ProfileJob } from '../store/queues.ts';
import { wakeRunsWaitingForProfile } from '../store/runs.ts';
import type { Db } from '../store/tx.ts';
import type { ProfileLookup, RunContext } from '../runs/context.ts';
import { cleanText } from '../webhook/clean-text.ts';

export type ProfileFetcher = ReturnType<typeof createProfileFetcher>;

/**
 * Profile lookups for the profile job. LINE allows 2,000 profile reads a second per channel: the
 * gateway paces every read by the rate budget all processes share, so a burst of follows is paced
 * instead of answered with 429s.
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
  return { one };
}

/**
 * The profiles of a batch of friends the webhook recorded without a name, fetched all at once (the
 * shared budget paces them) and written in one statement, off the webhook's path: a batch of follows
 * never waits for LINE's profile API. The runs whose `{name}` send waited for a name fall due in the
 * same transaction. A lookup that failed (5xx, 429, timeout) fails the job, so pg-boss retries it
 * with back-off for the friends still pending; the last attempt gives up on them (`unavailable`,
 * `{name}` renders empty or its fallback).
 */
export async function fetchFriendProfiles(db: Db, ctx: RunContext, fetcher: ProfileFetcher, job: Job<ProfileJob>): Promise<void> {
  const targets = await pendingProfiles(db, 'friendIds' in job.data ? job.data.friendIds : [job.data.friendId]);
  if (targets.length === 0) return;
  const lookups = await Promise.all(targets.map(async (friend) => ({ friend, lookup: await fetcher.one(friend.channelId, friend.lineUserId) })));
  const givingUp = job.retryCount >= PROFILE_RETRY_LIMIT;
  const settled: SettledProfile[] = [];
  const failures: string[] = [];
  for (const { friend, lookup } of lookups) {
    if (lookup.kind === 'found') {
      settled.push({ friendId: friend.id, profileStatus: 'fetched', displayName: lookup.profile.displayName, pictureUrl: lookup.profile.pictureUrl ?? null });
    } else if (lookup.kind === 'notFound' || givingUp) {
      settled.push({ friendId: friend.id, profileStatus: 'unavailable' });
    } else {
      failures.push(lookup.reason);
    }
  }
  await db.transaction(async (tx) => {
    await wakeRunsWaitingForProfile(tx, await settleProfiles(tx, settled), ctx.clock.now());
  });
  if (failures.length) throw new Error(`LINE did not give ${failures.length} of ${targets.length} profiles: ${failures[0]}`);
}
