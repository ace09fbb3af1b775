/** Every user-facing string ships in Japanese first and English second. */
export interface Localized {
  ja: string;
  en: string;
}

export type Lang = keyof Localized;

export const LANGS: readonly Lang[] = ['ja', 'en'];

/** Replaces `{name}` slots with params; a slot with no param is left visible so a gap is noticed. */
export function interpolate(template: string, params: Readonly<Record<string, string | number>>): string {
  return template.replace(/\{(\w+)\}/g, (slot, name: string) => {
    const value = params[name];
    return value === undefined ? slot : String(value);
  });
}

export function localized(ja: string, en: string): Localized {
  return { ja, en };
}
