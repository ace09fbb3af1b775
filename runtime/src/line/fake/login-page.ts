import type { FakeUser } from './users.ts';

/** The fake LINE Login consent page: the tester picks a virtual user or names a new one. */

const escape = (value: string) => value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export interface AuthorizeParams {
  response_type: string;
  client_id: string;
  redirect_uri: string;
  state: string;
  scope: string;
  nonce?: string | undefined;
  bot_prompt?: string | undefined;
}

export function consentPage(params: AuthorizeParams, users: FakeUser[]): string {
  const hidden = Object.entries(params)
    .filter((entry): entry is [string, string] => typeof entry[1] === 'string')
    .map(([name, value]) => `<input type="hidden" name="${escape(name)}" value="${escape(value)}">`).join('');
  const choices = users.map((user, index) => `<label class="user"><input type="radio" name="userId" value="${escape(user.userId)}"${index === 0 ? ' checked' : ''} data-testid="fake-login-user">
${escape(user.displayName)} <small>${escape(user.userId.slice(0, 9))}…</small></label>`).join('');
  return `<!doctype html><html lang="ja"><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>LINEログイン (Fake) / LINE Login (fake)</title>
<style>body{font-family:sans-serif;max-width:28rem;margin:2rem auto;padding:0 1rem}h1{color:#06c755;font-size:1.3rem}
.user{display:block;padding:.4rem 0}button{padding:.6rem 1rem;margin:.3rem .3rem 0 0}.ok{background:#06c755;color:#fff;border:0;border-radius:4px}</style>
<h1>LINEログイン (Fake LINE)</h1>
<p>テスト用のLINEログイン画面です。ログインするバーチャルユーザーを選ぶか、新しいユーザーの名前を入力してください。<br>
<small>A test LINE Login screen: pick a virtual user or name a new one.</small></p>
<form method="post" action="/oauth2/v2.1/authorize/consent">${hidden}
${choices}
<label class="user"><input type="radio" name="userId" value=""${users.length === 0 ? ' checked' : ''} data-testid="fake-login-new-user">
新しいユーザー / New user: <input name="displayName" maxlength="20" data-testid="fake-login-name" aria-label="表示名 / Display name"></label>
${params.bot_prompt === 'aggressive' ? '<p><small>ログイン後、LINE公式アカウントの友だち追加画面が開きます。/ After logging in you can add the Official Account.</small></p>' : ''}
<button class="ok" name="decision" value="allow" data-testid="fake-login-allow">許可する / Allow</button>
<button name="decision" value="deny" data-testid="fake-login-deny">キャンセル / Cancel</button>
</form></html>`;
}

export function authorizeErrorPage(message: string): string {
  return `<!doctype html><html lang="ja"><meta charset="utf-8"><title>LINEログイン エラー / LINE Login error</title>
<h1>エラー / Error</h1><p>${escape(message)}</p></html>`;
}
