import { simulatedTime, type ClockShift } from '@lsb/shared/api';

/** A moment as the workspace shows it: its time zone, the reader's language. */
export function formatTime(at: string | Date, timeZone: string, lang: string): string {
  return new Intl.DateTimeFormat(lang === 'en' ? 'en-US' : 'ja-JP', { timeZone, dateStyle: 'short', timeStyle: 'short' })
    .format(typeof at === 'string' ? new Date(at) : at);
}

/** A real moment in the virtual friend's own time (moved by each fast-forward), as an ISO string. */
export function friendTimeOf(realAt: string, shifts: readonly ClockShift[]): string {
  return shifts.length === 0 ? realAt : simulatedTime(realAt, shifts).toISOString();
}
