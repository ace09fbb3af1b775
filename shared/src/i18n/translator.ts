import i18next, { type i18n } from 'i18next';
import { en } from './en.ts';
import { ja } from './ja.ts';
import type { Lang, Translate } from './text.ts';

/** The i18next namespace shared's keys live in, in every app that merges them. */
export const SHARED_NAMESPACE = 'shared';

/** shared's catalogues, ready to merge into an i18next `resources` object under SHARED_NAMESPACE. */
export const sharedCatalogues = { ja, en } as const;

/** `{name}` slots everywhere; texts are not HTML-escaped here (React and the API do that). */
export const I18N_INTERPOLATION = { escapeValue: false, prefix: '{', suffix: '}' } as const;

/**
 * A Translate over any i18next instance that holds shared's namespace. Params travel in
 * `replace` so a slot named like an i18next option (`count`) stays a plain value.
 */
export function translatorFrom(instance: i18n, lang: Lang): Translate {
  const fixed = instance.getFixedT(lang, SHARED_NAMESPACE);
  return (key, params) => fixed(key, params ? { replace: params } : {});
}

const translators = new Map<Lang, Translate>();

/** A Translate for one language, for code without an app-wide i18next instance (the runtime, tests). */
export function createTranslator(lang: Lang): Translate {
  let translate = translators.get(lang);
  if (!translate) {
    const instance = i18next.createInstance();
    void instance.init({
      resources: { ja: { [SHARED_NAMESPACE]: ja }, en: { [SHARED_NAMESPACE]: en } },
      lng: lang,
      fallbackLng: 'ja',
      ns: [SHARED_NAMESPACE],
      defaultNS: SHARED_NAMESPACE,
      interpolation: I18N_INTERPOLATION,
      initAsync: false,
      returnNull: false,
    });
    translate = translatorFrom(instance, lang);
    translators.set(lang, translate);
  }
  return translate;
}
