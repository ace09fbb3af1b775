import type { APIRequestContext } from '@playwright/test';
import type { FlowGraph } from '@lsb/shared';
import { expect, test } from '../support/fixtures.ts';
import { finalScreenshot, pickByName } from '../support/editor.ts';
import { stepScenario } from '../support/graphs.ts';
import { createScenario, createTag, createWorkspace, expectInboxExactly, getScenarioDraft, publish } from '../support/runtime.ts';
import { addFriend, botTexts, fastForward, friendView } from '../support/simulator.ts';

// Journey: an agency saves its step-delivery scenario as a template, makes a client workspace
// whose tags are named differently, clones the template there with remapping, publishes, and a
// virtual friend of the client receives the messages. The original scenario and the template stay
// as they were. A second version of the template rolled out to the client updates the client's
// scenario in place: a new version of the same scenario, not a copy.

const texts = { welcome: '{name}さん、はじめまして！', coupon: 'ご購入ありがとうございます。10%OFFクーポンです。', reminder: '{name}さん、気になる商品はありましたか？' };
const couponV2 = 'ご購入ありがとうございます。20%OFFクーポンです。';

async function json<T>(request: APIRequestContext, url: string): Promise<T> {
  const response = await request.get(url);
  expect(response.ok(), `${url} answered ${response.status()}`).toBe(true);
  return (await response.json()) as T;
}

test('an agency template cloned into a client with remapped tags, published, received, and updated in place by a roll-out', async ({ page, request }, testInfo) => {
  test.setTimeout(180_000);
  // The agency's own workspace: its scenario branches on 購入済み and tags ステップ完了.
  const agency = await createWorkspace(request, '代理店');
  const purchased = await createTag(request, agency.id, '購入済み');
  const done = await createTag(request, agency.id, 'ステップ完了');
  const original = await createScenario(request, agency.id, 'カゴ落ちフォロー', stepScenario({ purchasedTagId: purchased, doneTagId: done, texts }));
  await publish(request, agency.id, original);
  const originalBefore = await getScenarioDraft(request, agency.id, original);

  // 1. Save it as a template from the scenario list.
  await page.goto(`/workspaces/${agency.id}`);
  const row = page.locator(`[data-testid="scenario-row"][data-scenario-id="${original}"]`);
  await row.getByTestId('scenario-save-template').click();
  const save = page.getByTestId('save-template-dialog');
  await save.getByTestId('save-template-name').fill('カゴ落ちフォロー（テンプレート）');
  await save.getByTestId('save-template-description').fill('購入タグで分岐し、翌日10:00にクーポンかリマインド');
  await save.getByTestId('save-template-category').selectOption('sales');
  await save.getByTestId('save-template-submit').click();
  const saved = save.getByTestId('save-template-done');
  await expect(saved).toHaveText('「カゴ落ちフォロー（テンプレート）」v1 を保存しました。テンプレート画面から複製・一括配信できます。');
  const templateId = (await saved.getAttribute('data-template-id'))!;
  await save.getByTestId('save-template-close').click();
  const templateV1 = await json<{ graph: FlowGraph }>(request, `/api/workspaces/${agency.id}/templates/${templateId}/versions/1`);

  // 2. A client workspace, made from the workspace switcher; its tags are named differently.
  await page.getByTestId('workspace-switcher').selectOption({ label: '＋ ワークスペースを作成' });
  const clientName = `クライアント美容室 ${Date.now().toString(36)}`;
  await page.getByTestId('workspace-name-input').fill(clientName);
  await page.getByTestId('workspace-create-submit').click();
  // The new workspace opens.
  await expect.poll(() => new URL(page.url()).pathname).toMatch(new RegExp(`^/workspaces/(?!${agency.id})[0-9a-f-]{36}$`));
  const client = new URL(page.url()).pathname.split('/')[2]!;
  const bought = await createTag(request, client, 'お買い上げ');
  const finished = await createTag(request, client, '配信完了');

  // 3. Clone with remapping, from the agency's template library.
  await page.goto(`/workspaces/${agency.id}/templates`);
  const card = page.locator(`[data-testid="template-card"][data-template-id="${templateId}"]`);
  await expect(card.getByTestId('template-version')).toHaveText('v1');
  await expect(card.getByTestId('template-category')).toHaveText('販売・カゴ落ち');
  await card.getByTestId('template-clone').click();
  const wizard = page.getByTestId('clone-wizard');
  await wizard.getByTestId('clone-target').selectOption({ label: clientName });
  await wizard.getByTestId('clone-name').fill('カゴ落ちフォロー');
  await wizard.getByTestId('clone-next').click();
  const mappingRow = (tagId: string) => wizard.locator(`[data-testid="mapping-row"][data-key="tag:${tagId}"]`);
  await expect(wizard.getByTestId('mapping-row')).toHaveCount(2);
  // No tag of the same name there: the wizard proposes to create them.
  await expect(mappingRow(purchased)).toHaveAttribute('data-state', 'create');
  await pickByName(mappingRow(purchased).getByTestId('mapping-target'), 'お買い上げ');
  await expect(mappingRow(purchased).getByTestId('mapping-state')).toHaveText('対応済み：お買い上げ');
  // Left for later, publishing would be blocked: the wizard says so before finishing.
  await mappingRow(done).getByTestId('mapping-later').click();
  await expect(wizard.getByTestId('clone-unmapped')).toContainText('すべて対応付けるまで、このシナリオは公開できません');
  await pickByName(mappingRow(done).getByTestId('mapping-target'), '配信完了');
  await expect(wizard.getByTestId('clone-all-mapped')).toBeVisible();
  await wizard.getByTestId('clone-finish').click();

  // 4. The clone opens as a draft in the client workspace; publish it there.
  await expect(page).toHaveURL(new RegExp(`/workspaces/${client}/scenarios/[0-9a-f-]{36}$`));
  const cloneId = new URL(page.url()).pathname.split('/')[4]!;
  await expect(page.getByTestId('template-link')).toContainText('テンプレート「カゴ落ちフォロー（テンプレート）」v1 から作成');
  const cloned = await getScenarioDraft(request, client, cloneId);
  expect(JSON.stringify(cloned.draft)).toContain(bought);
  expect(JSON.stringify(cloned.draft)).toContain(finished);
  expect(JSON.stringify(cloned.draft)).not.toContain(purchased);
  await page.getByTestId('open-publish').click();
  await page.getByTestId('publish-confirm').click();
  await expect(page.getByTestId('publish-dialog')).toHaveCount(0);
  await expect.poll(async () => (await getScenarioDraft(request, client, cloneId)).publishedVersion).toBe(1);

  // 5. A virtual friend of the client follows, buys, and receives welcome and coupon.
  await page.getByTestId('open-simulator').click();
  const sato = await addFriend(page, '佐藤');
  await expect(botTexts(page)).toHaveText(['佐藤さん、はじめまして！']);
  await friendView(page).getByTestId('sim-tag-add').selectOption({ label: 'お買い上げ' });
  await fastForward(page, 1);
  await expect(botTexts(page)).toHaveText(['佐藤さん、はじめまして！', texts.coupon]);
  await expectInboxExactly(request, client, sato, cloneId, ['佐藤さん、はじめまして！', texts.coupon]);
  await expect(friendView(page).getByTestId('sim-tag-chip')).toHaveText([/お買い上げ/, /配信完了/]);

  // The original scenario and the template are as they were.
  const originalAfter = await getScenarioDraft(request, agency.id, original);
  expect(originalAfter.draft).toEqual(originalBefore.draft);
  expect(originalAfter.publishedVersion).toBe(1);
  expect((await json<{ graph: FlowGraph }>(request, `/api/workspaces/${agency.id}/templates/${templateId}/versions/1`)).graph).toEqual(templateV1.graph);
  expect((await json<{ latestVersion: number }>(request, `/api/workspaces/${agency.id}/templates/${templateId}`)).latestVersion).toBe(1);

  // 6. The agency improves its coupon and saves the draft as the template's version 2.
  const draft = structuredClone(originalAfter.draft);
  const coupon = draft.nodes.find((n) => n.id === 'coupon')!;
  (coupon.data as { messages: { type: string; text: string }[] }).messages = [{ type: 'text', text: couponV2 }];
  const revision = (await json<{ draftRevision: number }>(request, `/api/workspaces/${agency.id}/scenarios/${original}`)).draftRevision;
  expect((await request.put(`/api/workspaces/${agency.id}/scenarios/${original}/draft`, { data: { graph: draft, baseRevision: revision } })).ok()).toBe(true);
  await page.goto(`/workspaces/${agency.id}`);
  await row.getByTestId('scenario-save-template').click();
  await save.getByTestId('save-template-target').selectOption(templateId);
  await save.getByTestId('save-template-from-draft').check();
  await save.getByTestId('save-template-submit').click();
  await expect(save.getByTestId('save-template-done')).toHaveAttribute('data-version', '2');
  await save.getByTestId('save-template-close').click();

  // The client's clone now says its template was updated, with the changed node in the diff.
  await page.goto(`/workspaces/${client}/scenarios/${cloneId}`);
  await page.getByTestId('template-link-review').click();
  await expect(page.getByTestId('template-diff-picture').locator('[data-node-id="coupon"]')).toHaveAttribute('data-mark', 'changed');
  await page.getByTestId('template-diff').getByRole('button', { name: '閉じる' }).click();

  // 7. Roll version 2 out to the client: nothing new to map; the existing clone gets a new version.
  await page.goto(`/workspaces/${agency.id}/templates`);
  await expect(card.getByTestId('template-version')).toHaveText('v2');
  await card.getByTestId('template-rollout').click();
  const rollout = page.getByTestId('rollout-dialog');
  await expect(rollout.getByTestId('rollout-version')).toHaveValue('2');
  await rollout.locator(`[data-testid="rollout-target"][data-workspace-id="${client}"]`).check();
  await rollout.getByTestId('rollout-next').click();
  const plan = rollout.locator(`[data-testid="rollout-plan"][data-workspace-id="${client}"]`);
  await expect(plan.getByTestId('rollout-nothing-to-map')).toBeVisible();
  await expect(plan.getByTestId('rollout-updates')).toContainText('複製「カゴ落ちフォロー」');
  await rollout.getByTestId('rollout-start').click();
  await expect(rollout.getByTestId('rollout-progress')).toHaveAttribute('data-status', 'done', { timeout: 30_000 });
  const result = rollout.locator(`[data-testid="rollout-result"][data-workspace-id="${client}"]`);
  await expect(result).toHaveAttribute('data-status', 'succeeded');
  await expect(result.getByTestId('rollout-result-detail')).toHaveText('既存のシナリオを更新しました（v2）');

  // In place: the client still has the one scenario, now at version 2; a new friend gets the new coupon.
  const scenarios = await json<{ id: string; publishedVersion: number | null }[]>(request, `/api/workspaces/${client}/scenarios`);
  expect(scenarios.map((s) => [s.id, s.publishedVersion])).toEqual([[cloneId, 2]]);
  await page.goto(`/workspaces/${client}/scenarios/${cloneId}`);
  await expect(page.getByTestId('template-link')).toHaveAttribute('data-update', 'false');
  await page.getByTestId('open-simulator').click();
  const suzuki = await addFriend(page, '鈴木');
  await friendView(page).getByTestId('sim-tag-add').selectOption({ label: 'お買い上げ' });
  await fastForward(page, 1);
  await expect(botTexts(page)).toHaveText(['鈴木さん、はじめまして！', couponV2]);
  await expectInboxExactly(request, client, suzuki, cloneId, ['鈴木さん、はじめまして！', couponV2]);
  // The first friend finished on version 1 and got nothing more.
  await expectInboxExactly(request, client, sato, cloneId, ['佐藤さん、はじめまして！', texts.coupon]);
  await finalScreenshot(page, testInfo);
});
