#!/usr/bin/env node
// The one entry point behind `npm start`, `npm test` and the benchmarks.
// It runs under whatever Node npm happens to use (this machine ships Node 20), so it is plain
// JavaScript with no dependencies: it obtains the pinned toolchain, installs from the lockfile,
// builds what is stale, and only then hands over to the real command under the pinned Node.
import { spawnSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const PINNED = { node: '24.21.0', pnpm: '12.4.2' };
const MIN_NODE_MAJOR = 22;
const toolDir = path.join(root, '.cache', 'toolchain');
/** Which workspace package holds each `bench:<name>` script. */
const BENCH_OWNERS = { engine: '@lsb/runtime', ingest: '@lsb/runtime', cohort: '@lsb/runtime', broadcast: '@lsb/runtime', timers: '@lsb/runtime', segments: '@lsb/runtime', stats: '@lsb/runtime', outbox: '@lsb/runtime', line: '@lsb/runtime', shared: '@lsb/shared', editor: '@lsb/e2e' };

function log(message) {
  process.stdout.write(`[setup] ${message}\n`);
}

function fail(message) {
  process.stderr.write(`error: ${message}\n`);
  process.exit(1);
}

function run(cmd, args, options = {}) {
  const result = spawnSync(cmd, args, { stdio: 'inherit', cwd: root, env: process.env, ...options });
  if (result.error) fail(`${cmd} could not start: ${result.error.message}`);
  return result.status ?? 1;
}

function mustRun(cmd, args, options) {
  const status = run(cmd, args, options);
  if (status !== 0) fail(`${[path.basename(cmd), ...args].join(' ')} exited with ${status}`);
}

function hashOf(paths) {
  const hash = createHash('sha256');
  const visit = (p) => {
    if (!existsSync(p)) return;
    const stat = statSync(p);
    if (stat.isDirectory()) {
      for (const entry of readdirSync(p).sort()) {
        if (entry === 'node_modules' || entry === 'dist') continue;
        visit(path.join(p, entry));
      }
    } else {
      hash.update(path.relative(root, p));
      hash.update(readFileSync(p));
    }
  };
  for (const p of paths) visit(path.join(root, p));
  return hash.digest('hex');
}

function isFresh(stampFile, digest) {
  return existsSync(stampFile) && readFileSync(stampFile, 'utf8') === digest;
}

function writeStamp(stampFile, digest) {
  mkdirSync(path.dirname(stampFile), { recursive: true });
  writeFileSync(stampFile, digest);
}

/** A Node that satisfies the project's engines: this one if new enough, else the pinned one from npm. */
function ensureNode() {
  const major = Number(process.versions.node.split('.')[0]);
  if (major >= MIN_NODE_MAJOR) return process.execPath;
  const pinned = path.join(toolDir, 'node_modules', 'node', 'bin', 'node');
  if (existsSync(pinned)) return pinned;
  log(`Node ${process.versions.node} is older than ${MIN_NODE_MAJOR}; fetching Node ${PINNED.node} from the npm registry`);
  installTools();
  if (!existsSync(pinned)) fail(`Node ${PINNED.node} did not install into ${toolDir}`);
  return pinned;
}

function ensurePnpm() {
  const pnpm = path.join(toolDir, 'node_modules', 'pnpm', 'pnpm');
  if (existsSync(pnpm)) return pnpm;
  log(`fetching pnpm ${PINNED.pnpm} from the npm registry`);
  installTools();
  if (!existsSync(pnpm)) fail(`pnpm ${PINNED.pnpm} did not install into ${toolDir}`);
  return pnpm;
}

function installTools() {
  mkdirSync(toolDir, { recursive: true });
  const manifest = path.join(toolDir, 'package.json');
  writeFileSync(manifest, JSON.stringify({ name: 'toolchain', private: true }, null, 2));
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  mustRun(npm, [
    'install', '--prefix', toolDir, '--no-save', '--no-audit', '--no-fund', '--loglevel=error',
    `node@${PINNED.node}`, `pnpm@${PINNED.pnpm}`,
  ]);
}

function ensureInstalled(pnpm) {
  const digest = hashOf(['pnpm-lock.yaml', 'pnpm-workspace.yaml', 'package.json',
    'shared/package.json', 'runtime/package.json', 'editor/package.json', 'e2e/package.json']);
  const stamp = path.join(root, 'node_modules', '.install-stamp');
  if (isFresh(stamp, digest)) return;
  log('installing dependencies from the lockfile');
  mustRun(pnpm, ['install', '--frozen-lockfile', '--reporter=append-only']);
  writeStamp(stamp, digest);
}

function ensureEditorBuilt(pnpm) {
  const digest = hashOf(['editor/src', 'editor/index.html', 'editor/vite.config.ts', 'editor/package.json', 'shared/src']);
  const stamp = path.join(root, 'editor', 'dist', '.build-stamp');
  if (isFresh(stamp, digest)) return;
  log('building the editor');
  mustRun(pnpm, ['--filter', '@lsb/editor', 'run', 'build']);
  writeStamp(stamp, digest);
}

function ensureChromium() {
  if (existsSync('/usr/bin/chromium')) return;
  log('Chromium is absent; installing Debian\'s chromium package');
  const asRoot = process.getuid?.() === 0;
  const sudo = asRoot ? [] : ['sudo'];
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const apt = (args) => run(sudo.length ? 'sudo' : 'apt-get', [...(sudo.length ? ['apt-get'] : []), ...args], { env });
  if (apt(['update', '-qq']) !== 0 || apt(['install', '-y', '-qq', 'chromium']) !== 0 || !existsSync('/usr/bin/chromium')) {
    fail('could not install Chromium; run `apt-get install -y chromium` (as root) and try again');
  }
}

function withToolchainEnv(nodeBin) {
  const binDirs = [path.dirname(nodeBin), path.join(root, 'node_modules', '.bin')];
  return { ...process.env, PATH: [...binDirs, process.env.PATH].join(path.delimiter) };
}

/** Runs the long-lived runtime, forwarding Ctrl-C / SIGTERM so it can shut down cleanly. */
function handOver(cmd, args, options) {
  const child = spawn(cmd, args, { stdio: 'inherit', ...options });
  const forward = (signal) => () => child.kill(signal);
  process.on('SIGINT', forward('SIGINT'));
  process.on('SIGTERM', forward('SIGTERM'));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

function main() {
  const [command = 'start', ...rest] = process.argv.slice(2);
  const nodeBin = ensureNode();
  const pnpm = ensurePnpm();
  process.env = withToolchainEnv(nodeBin);
  // The passthrough exists for changing dependencies, so it must work before the lockfile does.
  if (command === 'pnpm') process.exit(run(pnpm, rest, { env: process.env }));
  ensureInstalled(pnpm);

  switch (command) {
    case 'start':
      ensureEditorBuilt(pnpm);
      handOver(nodeBin, ['--import', 'tsx', 'src/server.ts', ...rest], { cwd: path.join(root, 'runtime'), env: process.env });
      return;
    case 'test':
      ensureChromium();
      ensureEditorBuilt(pnpm);
      process.exit(run(nodeBin, [path.join(root, 'scripts', 'test.mjs'), ...rest], { env: process.env }));
      return;
    case 'bench': {
      const [name = 'engine', ...args] = rest;
      const owner = BENCH_OWNERS[name];
      if (!owner) fail(`unknown benchmark "${name}"; use one of ${Object.keys(BENCH_OWNERS).join(', ')}`);
      if (name === 'editor') { ensureChromium(); ensureEditorBuilt(pnpm); }
      process.exit(run(pnpm, ['--filter', owner, 'run', `bench:${name}`, ...args], { env: process.env }));
      return;
    }
    case 'fuzz':
    case 'chaos':
      process.exit(run(pnpm, ['--filter', '@lsb/runtime', 'run', command, ...rest], { env: process.env }));
      return;
    case 'fake-line':
      handOver(nodeBin, ['--import', 'tsx', 'src/line/fake/main.ts', ...rest], { cwd: path.join(root, 'runtime'), env: process.env });
      return;
    default:
      fail(`unknown command "${command}"; use start, test, bench <name>, fuzz, chaos, fake-line or pnpm <args>`);
  }
}

main();
