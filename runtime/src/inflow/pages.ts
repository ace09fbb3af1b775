/**
 * The pages a person on a phone sees around a route: never JSON. Each is short and says what
 * happened in Japanese first, then English, and offers the way forward when there is one.
 */

export const escapeHtml = (value: string) => value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export type PageKind =
  | 'unknown_route' | 'deleted_route' | 'login_not_set_up' | 'no_channel'
  | 'bad_state' | 'login_cancelled' | 'login_rejected' | 'login_unreachable'
  | 'already_friend' | 'add_friend' | 'fake_add_friend' | 'fake_followed';

interface Text { title: [string, string]; body: [string, string] }

const TEXTS: Record<PageKind, Text> = {
  unknown_route: {
    title: ['ページが見つかりません', 'Page not found'],
    body: ['このURLやQRコードは登録されていません。お手数ですが、お店やサイトに掲示されている最新のQRコードをお使いください。', 'This link or QR code is not known. Please use the latest QR code from the shop or site.'],
  },
  deleted_route: {
    title: ['このQRコードは終了しました', 'This QR code is no longer in use'],
    body: ['このURLは現在使われていませんが、友だち追加はこれまでどおりできます。', 'This link has been retired, but you can still add the account as a friend.'],
  },
  login_not_set_up: {
    title: ['友だち追加', 'Add friend'],
    body: ['このアカウントはまだLINEログインの設定が済んでいないため、流入経路を記録できません。友だち追加はできます。', 'This account has not set up LINE Login yet, so the route cannot be recorded. You can still add it as a friend.'],
  },
  no_channel: {
    title: ['準備中です', 'Not ready yet'],
    body: ['このURLにはまだLINE公式アカウントがつながっていません。', 'No LINE Official Account is connected to this link yet.'],
  },
  bad_state: {
    title: ['もう一度お試しください', 'Please try again'],
    body: ['このログイン画面は期限切れか、すでに使われています。もう一度QRコードを読み取るかURLを開いてください。', 'This login has expired or was already used. Please scan the QR code or open the link again.'],
  },
  login_cancelled: {
    title: ['ログインがキャンセルされました', 'Login cancelled'],
    body: ['LINEログインがキャンセルされたため、何も記録していません。もう一度URLを開くとやり直せます。', 'LINE Login was cancelled, so nothing was recorded. Open the link again to retry.'],
  },
  login_rejected: {
    title: ['ログインを確認できませんでした', 'The login could not be confirmed'],
    body: ['LINEからログインを確認できなかったため、何も記録していません。もう一度URLを開いてください。', 'LINE did not confirm the login, so nothing was recorded. Please open the link again.'],
  },
  login_unreachable: {
    title: ['LINEに接続できませんでした', 'Could not reach LINE'],
    body: ['時間をおいて、もう一度URLを開いてください。何も記録していません。', 'Please open the link again in a moment. Nothing was recorded.'],
  },
  already_friend: {
    title: ['すでに友だちです', 'You are already a friend'],
    body: ['ご来訪ありがとうございます。トーク画面をご確認ください。', 'Thanks for coming by. Please check your chat.'],
  },
  add_friend: {
    title: ['友だち追加', 'Add friend'],
    body: ['ログインしました。続けてLINE公式アカウントを友だち追加してください。', 'You are logged in. Now add the LINE Official Account as a friend.'],
  },
  fake_add_friend: {
    title: ['友だち追加 (Fake LINE)', 'Add friend (fake LINE)'],
    body: ['テスト用のLINE公式アカウントを友だち追加します。', 'Adds the test LINE Official Account as a friend.'],
  },
  fake_followed: {
    title: ['友だち追加しました', 'Added as a friend'],
    body: ['シミュレーターでトークを確認できます。', 'See the chat in the simulator.'],
  },
};

export interface PageOptions {
  /** The add-friend (or open-chat) link, when there is one to offer. */
  link?: { href: string; label: [string, string] } | undefined;
  /** Extra HTML (already escaped) below the text, e.g. a form. */
  extra?: string;
  detail?: string | undefined;
}

export function routePage(kind: PageKind, options: PageOptions = {}): string {
  const text = TEXTS[kind];
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

export const ADD_FRIEND_LABEL: [string, string] = ['友だち追加', 'Add friend'];
export const OPEN_CHAT_LABEL: [string, string] = ['トークを開く', 'Open chat'];
