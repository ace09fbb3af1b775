import type { PgBoss, QueueOptions } from 'pg-boss';

// Every queue the runtime uses, named for the job it carries. pg-boss 12 needs queues created
// before use; creation is idempotent, so every process does it at start.

export const QUEUES = {
  /** A channel's stored webhook events to apply, in batches and in arrival order (ingest/drain.ts). */
  webhookEvent: 'webhook-event',
  /** A batch's LINE profiles to fetch, retried with back-off while LINE fails (ingest/profiles.ts). */
  profile: 'friend-profile',
  /** A run's timer: a wait elapsed or a wait-for-event timed out. */
  wake: 'run-wake',
  /** Enter a friend into a scenario (manual/API enrolment, start-scenario node). */
  enrol: 'enrol',
  /** Something a friend did that may fire triggers or end a wait-for-event (tag added, link clicked). */
  activity: 'friend-activity',
  /** One outbox row to hand to LINE (batched into multicast with its identical siblings). */
  send: 'send',
} as const;

export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

/**
 * A worker that dies (SIGKILL, OOM, a lost machine) leaves its jobs `active`; without a heartbeat they
 * wait out expireInSeconds (15 min by default) before pg-boss retries them. Workers refresh a job's
 * heartbeat every 5 s while its handler runs, and the supervisor (every few seconds, see
 * plugins/queue.ts) fails and retries a job whose heartbeat is older than this: 10 s, pg-boss's minimum.
 */
export const HEARTBEAT_SECONDS = 10;

const heartbeat = { heartbeatSeconds: HEARTBEAT_SECONDS };

/** Profile fetches retried this often before the name is given up on (ingest/profiles.ts). */
export const PROFILE_RETRY_LIMIT = 20;

const options: Record<QueueName, QueueOptions & { notify?: boolean }> = {
  'webhook-event': { retryLimit: 5, retryDelay: 1, retryBackoff: true, notify: true, ...heartbeat },
  // About 2.5 hours of back-off (2 s doubling, at most 10 min apart) before the name is given up on.
  'friend-profile': { retryLimit: PROFILE_RETRY_LIMIT, retryDelay: 2, retryBackoff: true, retryDelayMax: 600, notify: true, ...heartbeat },
  'run-wake': { retryLimit: 10, retryDelay: 1, retryBackoff: true, notify: true, ...heartbeat },
  enrol: { retryLimit: 5, retryDelay: 1, retryBackoff: true, notify: true, ...heartbeat },
  'friend-activity': { retryLimit: 5, retryDelay: 1, retryBackoff: true, notify: true, ...heartbeat },
  // Sends retry for up to a day: LINE keeps a retry key for 24 hours, so a retry stays idempotent.
  send: { retryLimit: 20, retryDelay: 2, retryBackoff: true, retryDelayMax: 600, expireInSeconds: 120, notify: true, ...heartbeat },
};

export async function createQueues(boss: PgBoss): Promise<void> {
  for (const [name, queueOptions] of Object.entries(options)) {
    await boss.createQueue(name, queueOptions);
    // createQueue leaves an existing queue as it is, so a database created by an earlier version
    // would keep its old options (no heartbeat): bring it to these. Jobs copy the queue's heartbeat
    // when inserted, so jobs queued before this still fall back to expireInSeconds.
    await boss.updateQueue(name, queueOptions);
  }
}

export interface WakeJob { runId: string; stepSeq: number }
/**
 * "This channel has events to apply": the worker drains every pending event of the channel in
 * arrival order. Jobs queued by older versions also name their events; they drain the channel too.
 */
export interface WebhookEventJob { channelId: string; webhookEventIds?: string[]; webhookEventId?: string }
/**
 * The LINE profiles of friends a batch of follows (or adopted senders) recorded without a name.
 * Jobs queued by older versions name one friend.
 */
export type ProfileJob = { friendIds: string[] } | { friendId: string };
export interface EnrolJob { friendId: string; scenarioId: string; reason: 'manual' | 'startScenario' }
export interface ActivityJob {
  friendId: string;
  activity: { kind: 'tagAdded'; tagId: string } | { kind: 'linkClicked'; linkId: string } | { kind: 'conversion'; pointId: string };
}
export interface SendJob { sendId: string }
