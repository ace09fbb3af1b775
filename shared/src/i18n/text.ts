import type { ja } from './ja.ts';

/** The languages every text ships in, Japanese first. */
export type Lang = 'ja' | 'en';
export const LANGS: readonly Lang[] = ['ja', 'en'];

type Leaves<T, Prefix extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${Prefix}${K}` : Leaves<T[K], `${Prefix}${K}.`>;
}[keyof T & string];

/** Every key of shared's catalogue (`node.wait.label`, `flowIssue.noTrigger`, …). */
export type SharedKey = Leaves<typeof ja>;

export type TextParams = Readonly<Record<string, string | number>>;

/** A text people read, not yet in a language: a catalogue key and the values of its slots. */
export interface SharedText {
  key: SharedKey;
  params?: TextParams;
}

/** Renders a key in one language; shared takes it as an argument and never picks a language itself. */
export type Translate = (key: SharedKey, params?: TextParams) => string;

export function translateText(t: Translate, text: SharedText): string {
  return t(text.key, text.params);
}
