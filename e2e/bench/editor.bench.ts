// Page scripts are strings: this file is type-checked without the DOM library.
// Editor benchmark: open a 300-node scenario and drag nodes in real Chromium, printing figures
// (open time, frame times while dragging) and saving a Chromium performance trace to inspect in
// DevTools. A benchmark, not a test: it never fails on a slow machine, it reports.
//
// By default it starts the runtime as the browser journeys do (its own data folder and embedded
// PostgreSQL, serving the built editor) and creates the 300-node scenario there. With
// BENCH_BASE_URL pointing at a running runtime, it uses that one instead.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, request, type APIRequestContext, type Page } from '@playwright/test';
import { signInOwner } from '../support/auth.ts';
import globalSetup from '../support/global-setup.ts';

const root = path.resolve(import.meta.dirname, '..', '..');
const reports = path.join(root, '.cache', 'reports');
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];
const BIG = '大規模シナリオ（300ノード）';

async function prepareRealScenario(api: APIRequestContext, csrfToken: string): Promise<string> {
  const { largeGraph } = await import('../../editor/src/flow/largeGraph.ts');
  const post = async (p: string, body: unknown) => {
    const res = await api.post(p, { data: body, headers: { 'x-csrf-token': csrfToken } });
    if (!res.ok()) throw new Error(`${p}: ${res.status()} ${await res.text()}`);
    return res.json() as Promise<{ id: string }>;
  };
  const ws = await post('/api/workspaces', { name: 'editor bench', timeZone: 'Asia/Tokyo' });
  const scenario = await post(`/api/workspaces/${ws.id}/scenarios`, { name: BIG, graph: largeGraph(60) });
  return `/workspaces/${ws.id}/scenarios/${scenario.id}`;
}

/** Collects requestAnimationFrame timestamps in the page while `action` runs. */
async function frameTimes(page: Page, action: () => Promise<void>): Promise<number[]> {
  // A string, not a function: tsx would wrap named inner functions in a helper the page lacks.
  await page.evaluate(`(() => {
    window.__frames = [];
    window.__stop = false;
    const tick = (t) => { window.__frames.push(t); if (!window.__stop) requestAnimationFrame(tick); };
    requestAnimationFrame(tick);
  })()`);
  await action();
  const stamps = await page.evaluate<number[]>('(() => { window.__stop = true; return window.__frames; })()');
  return stamps.slice(1).map((t, i) => t - (stamps[i] ?? t));
}

function summarise(label: string, frames: number[]) {
  const sorted = [...frames].sort((a, b) => a - b);
  const pct = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
  const avg = frames.reduce((s, f) => s + f, 0) / Math.max(1, frames.length);
  const row = {
    scenario: label,
    frames: frames.length,
    'avg fps': Math.round(1000 / avg),
    'median ms': +pct(0.5).toFixed(1),
    'p95 ms': +pct(0.95).toFixed(1),
    'max ms': +(sorted.at(-1) ?? 0).toFixed(1),
    'frames >50ms': frames.filter((f) => f > 50).length,
  };
  return row;
}

async function drag(page: Page, selector: string, dx: number, dy: number, steps = 60) {
  const box = await page.locator(selector).first().boundingBox();
  if (!box) throw new Error(`no box for ${selector}`);
  const x = box.x + box.width / 2;
  const y = box.y + 20;
  await page.mouse.move(x, y);
  await page.mouse.down();
  for (let i = 1; i <= steps; i++) await page.mouse.move(x + (dx * i) / steps, y + (dy * i) / steps);
  await page.mouse.up();
}

async function main() {
  mkdirSync(reports, { recursive: true });
  const given = process.env.BENCH_BASE_URL;
  const teardown = given ? undefined : await globalSetup();
  const base = given ?? process.env.E2E_BASE_URL!;
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: FLAGS });
  // As the installation's owner (signed up on a fresh runtime, logged in on a given one).
  const api = await request.newContext({ baseURL: base });
  const owner = await signInOwner(api);
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, storageState: owner.storageState });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));

  // Open: from clicking the scenario in the list to React Flow's init with the graph rendered.
  const scenarioPath = await prepareRealScenario(api, owner.csrfToken);
  const listUrl = `${base}${scenarioPath.replace(/\/scenarios\/.*/, '')}`;
  await page.goto(listUrl);
  await page.getByText(BIG).waitFor();
  const opens: number[] = [];
  for (let run = 0; run < 3; run++) {
    await page.evaluate(() => { performance.clearMarks(); performance.mark('lsb:open'); });
    await page.getByText(BIG).click();
    await page.locator('.react-flow__node').first().waitFor();
    await page.waitForFunction(() => performance.getEntriesByName('lsb:canvas-ready').length > 0);
    // One more frame so what was committed is painted.
    opens.push(await page.evaluate<number>(`new Promise((resolve) => requestAnimationFrame(() =>
      resolve(performance.now() - performance.getEntriesByName('lsb:open')[0].startTime)))`));
    if (run < 2) await page.getByTestId('back-to-list').click();
  }
  const nodeCount = await page.locator('.react-flow__node').count();

  await browser.startTracing(page, { path: path.join(reports, 'editor-bench-trace.json'), screenshots: false });
  const single = await frameTimes(page, () => drag(page, '.react-flow__node[data-id="wait-0"]', 300, 120));
  await page.getByTestId('fit-view').click();
  await page.waitForTimeout(400);
  await page.keyboard.press('Control+a');
  const all = await frameTimes(page, () => drag(page, '.react-flow__node', 200, 80));
  await browser.stopTracing();

  console.log(`\nEditor benchmark (runtime at ${base}${given ? '' : ', started for this run'}; Chromium headless, no GPU)`);
  console.log(`Open a 301-node scenario (click → canvas ready and painted), ms:`, opens.map((o) => Math.round(o)).join(', '),
    `| best ${Math.round(Math.min(...opens))} | target < 1000`);
  console.log(`Nodes rendered in the first viewport: ${nodeCount} (only visible elements are rendered)`);
  console.table([summarise('drag one node', single), summarise('drag all 301 nodes (fit view)', all)]);
  console.log(`Trace for DevTools: ${path.join(reports, 'editor-bench-trace.json')}`);
  if (errors.length) console.log('Page errors:', errors);
  await browser.close();
  await api.dispose();
  await teardown?.();
}

await main();
