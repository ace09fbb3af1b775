import { createTranslator, type SharedKey } from '@lsb/shared';

/**
 * The pages a person on a phone sees around a route: never JSON. Each is short and says what
 * happened in Japanese first, then English, and offers the way forward when there is one.
 */

export const escapeHtml = (value: string) => value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export type PageKind =
  | 'unknown_route' | 'deleted_route' | 'login_not_set_up' | 'no_channel'
  | 'bad_state' | 'login_cancelled' | 'login_rejected' | 'login_unreachable'
  | 'already_friend' | 'add_friend' | 'fake_add_friend' | 'fake_followed';

const ja = createTranslator('ja');
const en = createTranslator('en');
/** Both languages of one catalogue key of shared's `inflowPage` section. */
const both = (key: string): [string, string] => [ja(`inflowPage.${key}` as SharedKey), en(`inflowPage.${key}` as SharedKey)];

export interface PageOptions {
  /** The add-friend (or open-chat) link, when there is one to offer. */
  link?: { href: string; label: [string, string] } | undefined;
  /** Extra HTML (already escaped) below the text, e.g. a form. */
  extra?: string;
  detail?: string | undefined;
}

export function routePage(kind: PageKind, options: PageOptions = {}): string {
  const text = { title: both(`${kind}.title`), body: both(`${kind}.body`) };
  const link = options.link
    ? `<p><a class="button" href="${escapeHtml(options.link.href)}" data-testid="route-page-link">${escapeHtml(options.link.label[0])} / ${escapeHtml(options.link.label[1])}</a></p>`
    : '';
  const detail = options.detail ? `<p><small>${escapeHtml(options.detail)}</small></p>` : '';
  return `<!doctype html><html lang="ja"><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>${escapeHtml(text.title[0])} / ${escapeHtml(text.title[1])}</title>
<style>body{font-family:sans-serif;max-width:28rem;margin:2rem auto;padding:0 1rem;line-height:1.6}h1{font-size:1.3rem}
.button,button{display:inline-block;background:#06c755;color:#fff;border:0;border-radius:6px;padding:.7rem 1.2rem;text-decoration:none;font-size:1rem}</style>
<main data-testid="route-page" data-kind="${kind}">
<h1>${escapeHtml(text.title[0])}</h1><p>${escapeHtml(text.body[0])}</p>
<p lang="en"><small>${escapeHtml(text.title[1])}: ${escapeHtml(text.body[1])}</small></p>
${detail}${link}${options.extra ?? ''}
</main></html>`;
}

export const ADD_FRIEND_LABEL = both('addFriend');
export const OPEN_CHAT_LABEL = both('openChat');
export const OPEN_SIMULATOR_LABEL = both('openSimulator');
