import i18next from 'i18next';
import { I18N_INTERPOLATION, SHARED_NAMESPACE, sharedCatalogues, translatorFrom, type Lang, type TextParams, type Translate } from '@lsb/shared';
import { en } from './en.ts';
import { ja } from './ja.ts';

/**
 * The language of what the runtime writes itself (demo names, copies' names, issue texts in API
 * errors): Japanese, the product's first language. The editor shows issues in the reader's own
 * language from their keys.
 */
export const PRODUCT_LANG: Lang = 'ja';

const RUNTIME_NAMESPACE = 'runtime';

type Leaves<T, Prefix extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${Prefix}${K}` : Leaves<T[K], `${Prefix}${K}.`>;
}[keyof T & string];
export type RuntimeKey = Leaves<typeof ja>;

/** One i18next instance holding shared's catalogues and the runtime's own. */
const i18n = i18next.createInstance();
void i18n.init({
  resources: {
    ja: { [SHARED_NAMESPACE]: sharedCatalogues.ja, [RUNTIME_NAMESPACE]: ja },
    en: { [SHARED_NAMESPACE]: sharedCatalogues.en, [RUNTIME_NAMESPACE]: en },
  },
  lng: PRODUCT_LANG,
  fallbackLng: 'ja',
  ns: [SHARED_NAMESPACE, RUNTIME_NAMESPACE],
  interpolation: I18N_INTERPOLATION,
  initAsync: false,
  returnNull: false,
});

/** shared's texts (issues, the sample scenario) in one language. */
export function sharedT(lang: Lang = PRODUCT_LANG): Translate {
  return translatorFrom(i18n, lang);
}

/** The runtime's own texts in one language. */
export function runtimeT(lang: Lang = PRODUCT_LANG): (key: RuntimeKey, params?: TextParams) => string {
  const fixed = i18n.getFixedT(lang, RUNTIME_NAMESPACE);
  return (key, params) => fixed(key, params ? { replace: params } : {});
}
