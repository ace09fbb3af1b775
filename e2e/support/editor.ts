import { expect, type Locator, type Page, type TestInfo } from '@playwright/test';

// Canvas and inspector moves a marketer makes, located by data-id / data-testid, never by pixels alone.

export const node = (page: Page, id: string): Locator => page.locator(`.react-flow__node[data-id="${id}"]`);
export const inspector = (page: Page): Locator => page.getByTestId('inspector');

async function nodeIds(page: Page): Promise<string[]> {
  return page.locator('.react-flow__node').evaluateAll((els) => els.map((el) => el.getAttribute('data-id') ?? ''));
}

/**
 * Drags a kind from the palette onto the canvas at a point relative to the canvas's top-left
 * corner (HTML5 drag and drop, as a mouse does) and returns the new node's id.
 */
export async function dropFromPalette(page: Page, type: string, at: { x: number; y: number }): Promise<string> {
  const before = new Set(await nodeIds(page));
  await page.getByTestId(`palette-item-${type}`).dragTo(page.getByTestId('canvas'), { targetPosition: at });
  let id = '';
  await expect.poll(async () => {
    id = (await nodeIds(page)).find((x) => !before.has(x)) ?? '';
    return id;
  }, { message: `a ${type} node appears after the drop` }).not.toBe('');
  await expect(node(page, id)).toHaveAttribute('data-id', id);
  await expect(node(page, id).getByTestId('node-card')).toHaveAttribute('data-node-type', type);
  return id;
}

/** Drags from a node's named output handle onto another node's input handle and waits for the edge. */
export async function connect(page: Page, sourceId: string, output: string, targetId: string): Promise<void> {
  const from = node(page, sourceId).getByTestId(`output-handle-${output}`);
  const to = node(page, targetId).locator('.react-flow__handle.target');
  const a = await from.boundingBox();
  const b = await to.boundingBox();
  if (!a || !b) throw new Error(`handles of ${sourceId}/${output} → ${targetId} are not on screen`);
  const edges = await page.locator('.react-flow__edge').count();
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move((a.x + b.x) / 2, (a.y + b.y) / 2, { steps: 5 });
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 5 });
  await page.mouse.up();
  await expect(page.locator('.react-flow__edge')).toHaveCount(edges + 1);
  await expect(node(page, sourceId).getByTestId(`output-add-${output}`), `${sourceId}/${output} is connected`).toHaveCount(0);
}

/** Selects a node by clicking its header, and waits for the inspector to show it. */
export async function select(page: Page, id: string): Promise<Locator> {
  await node(page, id).locator('.node-head').click();
  await expect(inspector(page)).toHaveAttribute('data-node-id', id);
  return inspector(page);
}

export async function expectSaved(page: Page): Promise<void> {
  await expect(page.getByTestId('save-status')).toHaveAttribute('data-status', 'saved', { timeout: 15_000 });
}

/** The journey's final state, kept as a test artifact (file in the output folder and attached to the report). */
export async function finalScreenshot(page: Page, testInfo: TestInfo, name = 'final-state'): Promise<void> {
  const path = testInfo.outputPath(`${name}.png`);
  await page.screenshot({ path, fullPage: true });
  await testInfo.attach(name, { path, contentType: 'image/png' });
}

/** A tag or field picker (a combobox): typing an existing name and Enter selects it. */
export async function pickByName(picker: Locator, name: string): Promise<void> {
  await picker.fill(name);
  await picker.press('Enter');
}
