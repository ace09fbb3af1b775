import { checkMessageLimits, LINE_LIMITS, type MessageDraft } from '@lsb/shared';
import type { BroadcastErrorCode } from '@lsb/shared/api';
import { defaultMessage } from '../composer/messageDefaults.ts';
import type { Broadcast, BroadcastDraft, BroadcastStatus } from './BroadcastsApi.ts';

// The compose page's state is the draft body the runtime stores; these pure helpers shape it and
// say, before any request, what would stop it from going out.

export function emptyDraft(): BroadcastDraft {
  return {
    name: '',
    messages: [defaultMessage('text')],
    audience: { kind: 'all' },
    exclusions: [],
    options: { skipWaitingForReply: false, respectCaps: true },
    schedule: { kind: 'now' },
    delivery: { mode: 'workspace' },
  };
}

/** The editable part of a stored broadcast. */
export function draftOf(b: Broadcast): BroadcastDraft {
  const { name, messages, audience, exclusions, options, schedule, delivery } = b;
  return structuredClone({ name, messages, audience, exclusions, options, schedule, delivery });
}

export type StatusGroup = 'drafts' | 'scheduled' | 'sending' | 'finished';
export const STATUS_GROUPS: readonly StatusGroup[] = ['drafts', 'scheduled', 'sending', 'finished'];

export function statusGroup(status: BroadcastStatus): StatusGroup {
  switch (status) {
    case 'draft': return 'drafts';
    case 'scheduled': return 'scheduled';
    case 'running':
    case 'paused': return 'sending';
    case 'done':
    case 'cancelled': return 'finished';
  }
}

/** Only a draft or a scheduled broadcast may be changed (a scheduled one returns to draft when saved). */
export const isEditable = (status: BroadcastStatus) => status === 'draft' || status === 'scheduled';

/** The wall-clock `YYYY-MM-DDTHH:MM` in a time zone at an instant (the schedule's own format). */
export function localNow(timeZone: string, at: Date): string {
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-CA', {
    timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
  }).formatToParts(at).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`;
}

/** What stops a draft from being started, as the runtime's codes (plus a missing name and time), found without asking it. */
export type DraftProblem = 'name_required' | 'time_required' | Extract<BroadcastErrorCode, 'invalid_messages' | 'time_in_past'>;

export function draftProblems(draft: BroadcastDraft, timeZone: string, now: Date): DraftProblem[] {
  const problems: DraftProblem[] = [];
  if (!draft.name.trim()) problems.push('name_required');
  if (!messagesOk(draft.messages)) problems.push('invalid_messages');
  if (draft.schedule.kind === 'at') {
    if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(draft.schedule.at)) problems.push('time_required');
    else if (draft.schedule.at <= localNow(timeZone, now)) problems.push('time_in_past');
  }
  return problems;
}

function messagesOk(messages: readonly MessageDraft[]): boolean {
  return messages.length >= 1 && messages.length <= LINE_LIMITS.messagesPerSend && checkMessageLimits(messages).length === 0;
}
