import type { TFunction } from 'i18next';
import type { ScenarioSummary } from '../api/types.ts';

export type StatusKind = 'draft' | 'published' | 'paused' | 'archived';

export function statusKind(s: Pick<ScenarioSummary, 'state' | 'publishedVersion'>): StatusKind {
  if (s.state === 'archived') return 'archived';
  if (s.state === 'paused') return 'paused';
  return s.publishedVersion === null ? 'draft' : 'published';
}

export function statusText(t: TFunction, s: Pick<ScenarioSummary, 'state' | 'publishedVersion'>): string {
  const kind = statusKind(s);
  switch (kind) {
    case 'draft':
      return t('scenarios.statusDraft');
    case 'published':
      return t('scenarios.statusPublished', { version: s.publishedVersion });
    case 'paused':
      return s.publishedVersion === null
        ? t('scenarios.statusPaused')
        : `${t('scenarios.statusPaused')} (v${s.publishedVersion})`;
    case 'archived':
      return t('scenarios.statusArchived');
  }
}
