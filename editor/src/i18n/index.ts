import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { ja } from './ja.ts';
import { en } from './en.ts';

export type Lang = 'ja' | 'en';
export const LANGS: readonly Lang[] = ['ja', 'en'];
const STORAGE_KEY = 'lsb.lang';

function storedLang(): Lang {
  try {
    const value = globalThis.localStorage?.getItem(STORAGE_KEY);
    return value === 'en' ? 'en' : 'ja';
  } catch {
    return 'ja';
  }
}

/** One i18next instance for the app; Japanese is the default and the fallback. */
export const i18n = i18next.createInstance();
void i18n.use(initReactI18next).init({
  resources: { ja: { translation: ja }, en: { translation: en } },
  lng: storedLang(),
  fallbackLng: 'ja',
  // `{name}` slots match shared/'s Localized templates, so one placeholder style is used everywhere.
  interpolation: { escapeValue: false, prefix: '{', suffix: '}' },
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

export function currentLang(): Lang {
  return i18n.language === 'en' ? 'en' : 'ja';
}
