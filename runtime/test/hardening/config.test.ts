import { expect, test } from 'vitest';
import { checkHost, loadConfig } from '../../src/config.ts';
import { safeError, scrubText } from '../../src/log-options.ts';
import { StartupError } from '../../src/startup-error.ts';

// Issue 10.7: each bad setting is one line that names the fix; error logs carry no texts or LINE ids.

const problemOf = (fn: () => unknown) => {
  try { fn(); } catch (error) { return error instanceof StartupError ? `${error.problem}. Fix: ${error.fix}` : String(error); }
  return 'no error';
};

test('an invalid LOG_LEVEL names the allowed values', () => {
  expect(problemOf(() => loadConfig({ LOG_LEVEL: 'loud' }))).toBe('LOG_LEVEL is invalid ("loud"). Fix: set LOG_LEVEL to one of fatal, error, warn, info, debug, silent');
});

test.each(['/proc', '/proc/lsb-data', '/sys/kernel/lsb'])('DATA_DIR %s on a kernel file system is refused at once', (dir) => {
  expect(problemOf(() => loadConfig({ DATA_DIR: dir }))).toMatch(/^DATA_DIR .* is on the (proc|sysfs) file system, which cannot hold data\. Fix: set DATA_DIR to a folder on a disk$/);
});

test('an unresolvable HOST is one line; a resolvable one passes', async () => {
  await expect(checkHost('no-such-host.invalid')).rejects.toThrow(/HOST no-such-host\.invalid does not resolve/);
  await expect(checkHost('127.0.0.1')).resolves.toBeUndefined();
  await expect(checkHost('localhost')).resolves.toBeUndefined();
});

test('a logged database error keeps its kind and code but not the query parameters or LINE user ids', () => {
  const userId = `U${'a'.repeat(32)}`;
  const cause = Object.assign(new Error(`duplicate key value violates unique constraint`), { code: '23505', detail: `Key (line_user_id)=(${userId}) already exists.`, constraint: 'friends_line_user' });
  const error = Object.assign(new Error(`Failed query: insert into "sends" values ($1, $2)\nparams: ${userId},こんにちは、田中さん\nsecond line of the text`), { name: 'DrizzleQueryError', cause });
  const logged = JSON.stringify(safeError(error));
  expect(logged).not.toContain(userId);
  expect(logged).not.toContain('こんにちは');
  expect(logged).not.toContain('second line');
  expect(logged).not.toContain('already exists');
  expect(logged).toContain('23505');
  expect(logged).toContain('DrizzleQueryError');
  expect(scrubText(`push to ${userId} failed`)).toMatch(/^push to U#[0-9a-f]{10} failed$/);
});
