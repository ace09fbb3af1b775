import { useTranslation } from 'react-i18next';
import type { Localized } from '../flow/language.ts';
import type { Lang } from './index.ts';

/** The current UI language, for picking from shared's `{ ja, en }` texts. */
export function useLang(): Lang {
  const { i18n } = useTranslation();
  return i18n.language === 'en' ? 'en' : 'ja';
}

export function useLocalized(): (text: Localized) => string {
  const lang = useLang();
  return (text) => text[lang];
}
