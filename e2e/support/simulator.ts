import { expect, type Locator, type Page } from '@playwright/test';

// The simulator as a marketer uses it: in the editor's drawer or on its own page.

export const friendView = (page: Page): Locator => page.getByTestId('sim-friend-view');

/** Adds a virtual friend through the form (a signed follow webhook behind it) and returns its id. */
export async function addFriend(page: Page, name: string, route?: string): Promise<string> {
  const panel = page.getByTestId('simulator-panel');
  await panel.getByTestId('sim-add-name').fill(name);
  if (route) await panel.getByTestId('sim-add-route').selectOption({ label: route });
  await panel.getByTestId('sim-add-submit').click();
  const view = friendView(page);
  await expect(view.locator('h3')).toHaveText(name);
  const id = (await view.getAttribute('data-friend-id'))!;
  await expect(panel.getByTestId('sim-friend').and(page.locator(`[data-friend-id="${id}"]`))).toBeVisible();
  return id;
}

/** Texts of the bubbles the friend received, as the chat shows them, oldest first. */
export function botTexts(page: Page): Locator {
  return friendView(page).locator('[data-testid="chat-item"][data-side="bot"] [data-testid="chat-bubble"]');
}

/** The friend's one run of a scenario, as the simulator shows it. */
export function run(page: Page, scenarioId: string): Locator {
  return friendView(page).locator(`[data-testid="sim-run"][data-scenario-id="${scenarioId}"]`);
}

export async function fastForward(page: Page, expectedFired: number): Promise<void> {
  const view = friendView(page);
  await expect(view.getByTestId('sim-fast-forward')).toBeEnabled();
  await view.getByTestId('sim-fast-forward').click();
  await expect(view.getByTestId('sim-fast-forward-result')).toHaveAttribute('data-fired', String(expectedFired));
}
