import type { TFunction } from 'i18next';
import type { BroadcastSchedule } from '@lsb/shared/api';

/** When a broadcast goes, in the words of the list and the page (times are the workspace's wall clock). */
export function scheduleText(schedule: BroadcastSchedule, t: TFunction): string {
  switch (schedule.kind) {
    case 'now': return t('bc.when.now');
    case 'at': return t('bc.when.at', { at: schedule.at.replace('T', ' ') });
    case 'monthly': return t('bc.when.monthly', { day: schedule.day, time: schedule.time });
  }
}
