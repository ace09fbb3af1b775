import i18next from 'i18next';
import { I18N_INTERPOLATION, LANGS, SHARED_NAMESPACE, sharedCatalogues, type Lang } from '@lsb/shared';
import { initReactI18next } from 'react-i18next';
import { ja } from './ja.ts';
import { en } from './en.ts';

// The languages are shared's, so every catalogue agrees on them.
export { LANGS, type Lang };
const STORAGE_KEY = 'lsb.lang';

function storedLang(): Lang {
  try {
    const value = globalThis.localStorage?.getItem(STORAGE_KEY);
    return value === 'en' ? 'en' : 'ja';
  } catch {
    return 'ja';
  }
}

/**
 * One i18next instance for the app; Japanese is the default and the fallback. shared's texts
 * (node labels, summaries, issues) are merged in under their own namespace.
 */
export const i18n = i18next.createInstance();
void i18n.use(initReactI18next).init({
  resources: {
    ja: { translation: ja, [SHARED_NAMESPACE]: sharedCatalogues.ja },
    en: { translation: en, [SHARED_NAMESPACE]: sharedCatalogues.en },
  },
  lng: storedLang(),
  fallbackLng: 'ja',
  // `{name}` slots, as in shared's catalogues, so one placeholder style is used everywhere.
  interpolation: I18N_INTERPOLATION,
  initAsync: false,
  returnNull: false,
});

export function setLang(lang: Lang): void {
  void i18n.changeLanguage(lang);
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, lang);
  } catch {
    // Private mode: the switch still works for this tab.
  }
  document.documentElement.lang = lang;
}
