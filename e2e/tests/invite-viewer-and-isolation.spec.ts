import { expect, test } from '../support/fixtures.ts';
import { csrfOf } from '../support/auth.ts';
import { finalScreenshot } from '../support/editor.ts';
import { stepScenario } from '../support/graphs.ts';
import { createScenario, createTag, createWorkspace, publish } from '../support/runtime.ts';

// The owner invites a viewer through the members page; without SMTP_URL the mail lands in the
// outbox, whose link the viewer opens to make an account. The viewer logs in and can read but not
// edit or publish (buttons disabled with the reason, the API answers 403), and another workspace's
// scenario URL is a not-found page for them.

test('a viewer invited through the mail outbox cannot edit or publish, and cannot see another workspace', async ({ page, request, browser }, testInfo) => {
  const a = await createWorkspace(request, 'A店');
  const b = await createWorkspace(request, 'B店');
  const tag = await createTag(request, a.id, '購入済み');
  const scenarioA = await createScenario(request, a.id, 'A店のステップ', stepScenario({ purchasedTagId: tag, doneTagId: tag }));
  await publish(request, a.id, scenarioA);
  const tagB = await createTag(request, b.id, '購入済み');
  const scenarioB = await createScenario(request, b.id, 'B店のひみつ', stepScenario({ purchasedTagId: tagB, doneTagId: tagB }));
  const email = `viewer-${Date.now().toString(36)}@e2e.example`;

  // The owner invites by email with the viewer role.
  await page.goto(`/workspaces/${a.id}/members`);
  await page.getByTestId('invite-email-input').fill(email);
  await page.getByTestId('invite-role').selectOption('viewer');
  await page.getByTestId('invite-send').click();
  await expect(page.getByTestId('invite-sent')).toContainText(email);
  await expect(page.getByTestId('invitation-row').filter({ hasText: email })).toContainText('閲覧者');

  // The mail is in the operator's outbox.
  await page.getByTestId('account-menu').click();
  await page.getByTestId('account-outbox').click();
  const mail = page.getByTestId('outbox-mail').and(page.locator(`[data-to="${email}"]`));
  await expect(mail).toHaveAttribute('data-kind', 'invitation');
  const link = new URL((await mail.getByTestId('outbox-link').getAttribute('href'))!);
  expect(link.pathname).toBe('/invite');

  // The invitee, in a browser of their own, opens the link and makes an account.
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const viewer = await context.newPage();
  await viewer.goto(link.pathname + link.search);
  await expect(viewer.getByTestId('invite-lead')).toContainText('閲覧者として招待');
  await viewer.getByTestId('invite-name').fill('閲覧 次郎');
  await viewer.getByTestId('invite-password').fill('short');
  await viewer.getByTestId('invite-confirm').fill('short');
  await viewer.getByTestId('invite-submit').click();
  await expect(viewer.getByTestId('form-error')).toHaveText('パスワードは12文字以上にしてください。');
  await viewer.getByTestId('invite-password').fill('jiro viewer passphrase');
  await viewer.getByTestId('invite-confirm').fill('jiro viewer passphrase');
  await viewer.getByTestId('invite-submit').click();
  await expect(viewer).toHaveURL(new RegExp(`/workspaces/${a.id}$`));

  // Logs out, and logs in again (in English this time).
  await viewer.getByTestId('language-switch').selectOption('en');
  await viewer.getByTestId('account-menu').click();
  await viewer.getByTestId('account-logout').click();
  await viewer.getByTestId('login-email').fill(email);
  await viewer.getByTestId('login-password').fill('wrong passphrase!');
  await viewer.getByTestId('login-submit').click();
  await expect(viewer.getByTestId('form-error')).toHaveText('Wrong email or password.');
  await viewer.getByTestId('login-password').fill('jiro viewer passphrase');
  await viewer.getByTestId('login-submit').click();
  await viewer.getByTestId('language-switch').selectOption('ja');

  // The switcher shows only workspace A; the scenario opens read-only.
  await expect(viewer.getByTestId('workspace-switcher').locator('optgroup option')).toHaveText([a.name]); // the workspaces, not the create entries
  await viewer.getByTestId('scenario-row').filter({ hasText: 'A店のステップ' }).getByTestId('scenario-open').click();
  await expect(viewer.getByTestId('read-only-note')).toBeVisible();
  await expect(viewer.getByTestId('open-publish')).toBeDisabled();
  await expect(viewer.getByTestId('open-publish')).toHaveAttribute('title', '編集者以上の権限が必要です（あなたは閲覧者です）');
  await expect(viewer.getByTestId('pause-scenario')).toBeDisabled();
  await expect(viewer.getByTestId('palette')).toHaveCount(0);

  // The API refuses the viewer too, naming the role it takes.
  const csrf = await csrfOf(viewer);
  const refused = await viewer.request.post(`/api/workspaces/${a.id}/scenarios/${scenarioA}/publish`, { headers: { 'x-csrf-token': csrf } });
  expect(refused.status()).toBe(403);
  expect(await refused.json()).toMatchObject({ code: 'forbidden', details: { required: 'editor' } });

  // Workspace B's scenario URL, pasted: not found, nothing of it shown.
  await viewer.goto(`/workspaces/${b.id}/scenarios/${scenarioB}`);
  await expect(viewer.getByTestId('not-found-page')).toBeVisible();
  await expect(viewer.getByText('B店のひみつ')).toHaveCount(0);
  const hidden = await viewer.request.get(`/api/workspaces/${b.id}/scenarios/${scenarioB}`);
  expect(hidden.status()).toBe(404);

  // The owner's audit log names the invitation and the viewer's joining.
  await page.goto(`/workspaces/${a.id}/audit`);
  await expect(page.locator('[data-testid="audit-entry"][data-action="member.invite"]')).toHaveCount(1);
  await expect(page.locator('[data-testid="audit-entry"][data-action="member.join"]')).toHaveCount(1);
  await finalScreenshot(viewer, testInfo);
  await context.close();
});
