import { expect, test } from '../support/fixtures.ts';

test('the runtime serves the editor and reports its health', async ({ page, request }) => {
  const health = await request.get('/api/health');
  expect(health.ok()).toBe(true);
  expect(await health.json()).toEqual({ status: 'ok', database: 'up', queue: 'up' });
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'シナリオビルダー' })).toBeVisible();
});
