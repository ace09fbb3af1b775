import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * LINE's reference data lives beside the repository in ../shared/line (never copied into it).
 * Tests that need it skip, saying why, when the folder is absent.
 */
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const lineReferenceDir = path.resolve(repoRoot, '../shared/line');
export const hasLineReference = existsSync(path.join(lineReferenceDir, 'fixtures'));
export const missingReferenceReason = `LINE reference data not found at ${lineReferenceDir} (../shared/line beside the repository)`;

export function fixturePath(relative: string): string {
  return path.join(lineReferenceDir, 'fixtures', relative);
}

export function readFixture(relative: string): unknown {
  return JSON.parse(readFileSync(fixturePath(relative), 'utf8'));
}

export function readFixtureBytes(relative: string): Buffer {
  return readFileSync(fixturePath(relative));
}

export function listFixtures(folder: string): string[] {
  return readdirSync(path.join(lineReferenceDir, 'fixtures', folder))
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => `${folder}/${name}`);
}

export function readSpecText(name: string): string {
  return readFileSync(path.join(lineReferenceDir, 'openapi', name), 'utf8');
}
