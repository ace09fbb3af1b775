import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { translatorFrom, type Translate } from '@lsb/shared';
import type { Lang } from './index.ts';

/** The current UI language. */
export function useLang(): Lang {
  const { i18n } = useTranslation();
  return i18n.language === 'en' ? 'en' : 'ja';
}

/** shared's texts (node labels, summaries, issues) in the current UI language. */
export function useSharedT(): Translate {
  const { i18n } = useTranslation();
  const lang = useLang();
  return useMemo(() => translatorFrom(i18n, lang), [i18n, lang]);
}
