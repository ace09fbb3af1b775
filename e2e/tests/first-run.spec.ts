import { expect, test } from '@playwright/test';
import { finalScreenshot } from '../support/editor.ts';
import { startRuntime } from '../support/global-setup.ts';
import { addFriend, botTexts, friendView } from '../support/simulator.ts';

// A fresh installation (its own runtime and empty database, as a first `npm start`): the first visit
// asks for the owner's account, which then owns the demo workspace and runs its sample scenario.

let runtime: Awaited<ReturnType<typeof startRuntime>>;
test.beforeAll(async () => {
  test.setTimeout(120_000);
  runtime = await startRuntime();
});
test.afterAll(async () => {
  await runtime?.stop();
});

test('first run: the owner is created on the first visit, then the demo works', async ({ browser }, testInfo) => {
  const context = await browser.newContext({ baseURL: runtime.url });
  const page = await context.newPage();
  await page.goto('/workspaces');
  await expect(page.getByTestId('setup-page')).toBeVisible();
  await expect(page).toHaveURL(/\/setup$/);

  // Weak passwords are refused in words: too short (checked at once), then a common one (by the runtime).
  await page.getByTestId('setup-name').fill('山田 花子');
  await page.getByTestId('setup-email').fill('hanako@shop.example');
  await page.getByTestId('setup-password').fill('tooshort');
  await page.getByTestId('setup-submit').click();
  await expect(page.getByTestId('form-error')).toHaveText('パスワードは12文字以上にしてください。');
  await page.getByTestId('setup-password').fill('password1234');
  await page.getByTestId('setup-submit').click();
  await expect(page.getByTestId('form-error')).toContainText('よく使われていて推測されやすい');

  await page.getByTestId('setup-password').fill('hanako’s own passphrase');
  await page.getByTestId('setup-organization').fill('花子商店');
  await page.getByTestId('setup-submit').click();

  // The owner lands in the demo workspace, which is theirs.
  await expect(page.getByTestId('workspace-switcher').locator('option:checked')).toHaveText('デモワークスペース');
  await expect(page.getByTestId('scenario-row').filter({ hasText: '友だち追加ウェルカム' })).toContainText('公開中 v1');
  await page.getByTestId('account-menu').click();
  await expect(page.getByTestId('account-email')).toContainText('hanako@shop.example');
  await page.getByTestId('account-menu').click();

  await page.getByTestId('nav-simulator').click();
  const simulatorUrl = new URL(page.url()).pathname;
  await addFriend(page, 'デモ太郎');
  await expect(botTexts(page)).toHaveText([/^デモ太郎さん、友だち追加ありがとうございます！/]);
  await expect(friendView(page).getByTestId('sim-run-node')).toContainText('1日後 10:00');

  // Sign-up is closed now: a second visitor is asked to log in, and the set-up page sends them there too.
  const stranger = await browser.newContext({ baseURL: runtime.url });
  const other = await stranger.newPage();
  await other.goto('/setup');
  await expect(other.getByTestId('login-page')).toBeVisible();
  const signup = await other.request.post('/api/auth/signup', { data: { email: 'x@example.com', password: 'another passphrase', name: 'x' } });
  expect([403]).toContain(signup.status());
  await stranger.close();

  // Log out; a page opened afterwards asks to log in (a wrong, then the right password) and then shows itself.
  await page.getByTestId('account-menu').click();
  await page.getByTestId('account-logout').click();
  await expect(page.getByTestId('login-page')).toBeVisible();
  await page.goto(simulatorUrl);
  await expect(page.getByTestId('login-page')).toBeVisible();
  await page.getByTestId('login-email').fill('hanako@shop.example');
  await page.getByTestId('login-password').fill('not my passphrase');
  await page.getByTestId('login-submit').click();
  await expect(page.getByTestId('form-error')).toHaveText('メールアドレスまたはパスワードが違います。');
  await page.getByTestId('login-password').fill('hanako’s own passphrase');
  await page.getByTestId('login-submit').click();
  await expect(page).toHaveURL(new RegExp(`${simulatorUrl}$`));
  await expect(page.getByTestId('simulator-panel')).toBeVisible();
  await finalScreenshot(page, testInfo);
  await context.close();
});
