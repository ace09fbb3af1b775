import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const runtimeDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface ServerProcess {
  child: ChildProcess;
  output(): string;
  /** Resolves with the printed URL, or rejects with everything printed if the process exits first. */
  ready: Promise<string>;
  exited: Promise<number | null>;
}

/**
 * Runs `src/server.ts` as `npm start` does, with the given environment on top of ours. `detached`
 * gives it a process group of its own, as a terminal does, so a test can Ctrl-C the whole group.
 */
export function startServerProcess(env: Record<string, string>, options: { detached?: boolean } = {}): ServerProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: runtimeDir,
    detached: options.detached ?? false,
    env: { ...process.env, LOG_LEVEL: 'warn', HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => { output += chunk.toString(); });
  child.stderr!.on('data', (chunk: Buffer) => { output += chunk.toString(); });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const ready = new Promise<string>((resolve, reject) => {
    const check = () => {
      // Ready once the whole announcement is out: its last line ends "stop with Ctrl-C".
      const match = /is running: (http:\/\/\S+)/.exec(output);
      if (match?.[1] && output.includes('stop with Ctrl-C')) resolve(match[1].replace(/\/$/, ''));
    };
    child.stdout!.on('data', check);
    void exited.then((code) => reject(new Error(`exited with ${code}:\n${output}`)));
  });
  ready.catch(() => {});
  return { child, output: () => output, ready, exited };
}

export function errorLines(output: string): string[] {
  return output.split('\n').filter((line) => line.startsWith('error:'));
}
