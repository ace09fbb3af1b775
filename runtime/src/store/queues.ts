import type { PgBoss, QueueOptions } from 'pg-boss';

// Every queue the runtime uses, named for the job it carries. pg-boss 12 needs queues created
// before use; creation is idempotent, so every process does it at start.

export const QUEUES = {
  /** A stored LINE webhook event to process: follow, unfollow, message, postback. */
  webhookEvent: 'webhook-event',
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

const options: Record<QueueName, QueueOptions & { notify?: boolean }> = {
  'webhook-event': { retryLimit: 5, retryDelay: 1, retryBackoff: true, notify: true, ...heartbeat },
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
 * One user's new events from one POST, in the order LINE sent them, so they are applied in that
 * order. `webhookEventId` alone is the shape of jobs queued before events were grouped.
 */
export interface WebhookEventJob { channelId: string; webhookEventIds?: string[]; webhookEventId?: string }
export interface EnrolJob { friendId: string; scenarioId: string; reason: 'manual' | 'startScenario' }
export interface ActivityJob {
  friendId: string;
  activity: { kind: 'tagAdded'; tagId: string } | { kind: 'linkClicked'; linkId: string };
}
export interface SendJob { sendId: string }
