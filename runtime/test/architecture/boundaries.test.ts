import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, test } from 'vitest';

// The import directions of docs/architecture.md are ESLint rules (runtime/eslint.boundaries.js), so
// `npm test` fails on a violation. Each case lints a one-line file placed in a folder and checks the
// boundary rule fires on the import that crosses it, and stays quiet on one that does not.

const root = fileURLToPath(new URL('../../../', import.meta.url));
const eslint = new ESLint({ cwd: root });
const BOUNDARY_RULES = new Set(['@typescript-eslint/no-restricted-imports', 'no-restricted-syntax', 'no-restricted-globals']);

async function boundaryProblems(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(`${code}\nexport const used = 1;\n`, { filePath: `${root}runtime/src/${file}` });
  return result!.messages.filter((m) => m.ruleId && BOUNDARY_RULES.has(m.ruleId)).map((m) => m.message);
}

describe('a crossing import fails the lint', () => {
  test.each<[string, string, string]>([
    ['routes/example.ts', "import { friends } from '../db/schema/index.ts'; void friends;", 'store'],
    ['routes/example.ts', "import { eq } from 'drizzle-orm'; void eq;", 'store'],
    ['routes/example.ts', "import { getFriendRow } from '../store/friends.ts'; void getFriendRow;", 'services only'],
    ['webhook/route.ts', "import { queueJobs } from '../store/jobs.ts'; void queueJobs;", 'services only'],
    ['webhook/route.ts', "import { sql } from 'drizzle-orm'; void sql;", 'store'],
    ['inflow/example.ts', "import { friends } from '../db/schema/index.ts'; void friends;", 'store'],
    ['runs/example.ts', "import { workBatch } from '../jobs/work.ts'; void workBatch;", 'workers'],
    // Queries and tables belong to store/ alone (docs/architecture.md): every other folder is caught, a type import too.
    ['runs/example.ts', "import { and } from 'drizzle-orm'; void and;", 'store'],
    ['runs/example.ts', "import type { runSteps } from '../db/schema/index.ts'; export type R = typeof runSteps;", 'store'],
    ['services/example.ts', "import { sql } from 'drizzle-orm'; void sql;", 'store'],
    ['services/example.ts', "import { tags } from '../db/schema/catalogue.ts'; void tags;", 'store'],
    ['sending/example.ts', "import { sends } from '../db/schema/index.ts'; void sends;", 'store'],
    ['jobs/example.ts', "import { sql } from 'drizzle-orm'; void sql;", 'store'],
    ['ingest/example.ts', "import { friends } from '../db/schema/index.ts'; void friends;", 'store'],
    ['simulator/example.ts', "import { eq } from 'drizzle-orm'; void eq;", 'store'],
    ['demo/example.ts', "import { workspaces } from '../db/schema/index.ts'; void workspaces;", 'store'],
    ['example.ts', "import { sql } from 'drizzle-orm/sql'; void sql;", 'store'],
    ['runs/example.ts', "import { fromDrizzle } from 'pg-boss'; void fromDrizzle;", 'store/jobs.ts'],
    ['services/example.ts', "import { replanFieldWaits } from '../runs/field-changes.ts'; void replanFieldWaits;", 'interpreter'],
    ['services/example.ts', "import { errorHandlerPlugin } from '../plugins/error-handler.ts'; void errorHandlerPlugin;", 'plugins'],
    ['sending/example.ts', "import type { RunContext } from '../runs/context.ts'; export type X = RunContext;", 'interpreter'],
    ['store/example.ts', "import { loadCatalogue } from '../services/catalogue.ts'; void loadCatalogue;", 'bottom layer'],
    ['engine/example.ts', "import { readFileSync } from 'node:fs'; void readFileSync;", 'no IO'],
    ['engine/nodes/example.ts', "import { friends } from '../../db/schema/index.ts'; void friends;", 'only itself'],
    ['engine/example.ts', "import { systemClock } from '../clock.ts'; void systemClock;", 'no clock'],
    ['engine/example.ts', 'export const at = Date.now();', 'no clock'],
    ['engine/example.ts', 'export const at = new Date();', 'no clock'],
    ['engine/example.ts', 'export const pick = Math.random();', 'no randomness'],
    ['engine/example.ts', "export const get = () => fetch('https://example.com');", 'no IO'],
  ])('%s: %s', async (file, code, says) => {
    const problems = await boundaryProblems(file, code);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.join('\n')).toContain(says);
  });
});

describe('an import along the arrows passes', () => {
  test.each<[string, string]>([
    ['routes/example.ts', "import { listScenarios } from '../services/scenarios.ts'; void listScenarios;"],
    ['services/example.ts', "import { getFriendRow } from '../store/friends.ts'; import type { PgBoss } from 'pg-boss'; void getFriendRow; export type B = PgBoss;"],
    ['runs/example.ts', "import { queueJobs } from '../store/jobs.ts'; void queueJobs;"],
    ['runs/example.ts', "import type { Tx } from '../store/tx.ts'; export type T = Tx;"],
    ['store/example.ts', "import { sql } from 'drizzle-orm'; import { runs } from '../db/schema/index.ts'; void sql; void runs;"],
    ['db/example.ts', "import { pgTable } from 'drizzle-orm/pg-core'; import { runs } from './schema/index.ts'; void pgTable; void runs;"],
    ['engine/nodes/example.ts', "import { register } from '../runner.ts'; import { parseFlowGraph } from '@lsb/shared'; void register; void parseFlowGraph;"],
    ['engine/example.ts', "export const later = (now: Date) => new Date(now.getTime() + 1);"],
  ])('%s: %s', async (file, code) => {
    expect(await boundaryProblems(file, code)).toEqual([]);
  });
});
