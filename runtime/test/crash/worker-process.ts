import { startServerProcess, type ServerProcess } from '../server/start-process.ts';

/**
 * The runtime as `npm start` runs it (src/server.ts: API and workers in one process), started,
 * SIGKILLed and started again over the same database. Everything each life printed is kept, so a
 * failure can show what the workers said.
 */
export class WorkerProcess {
  private current: ServerProcess | undefined;
  private readonly lives: ServerProcess[] = [];

  constructor(private readonly env: Record<string, string>) {}

  /** Starts a new life and resolves with its URL once it listens (its workers are running by then). */
  async start(): Promise<string> {
    if (this.current) throw new Error('the worker is already running');
    this.current = startServerProcess(this.env);
    this.lives.push(this.current);
    return this.current.ready;
  }

  /** SIGKILL: no shutdown hook runs, pg-boss keeps whatever jobs it held `active`. */
  async kill(): Promise<void> {
    const life = this.take();
    life.child.kill('SIGKILL');
    await life.exited;
  }

  /** A clean stop (SIGTERM) at the end of the test. */
  async stop(): Promise<void> {
    if (!this.current) return;
    const life = this.take();
    life.child.kill('SIGTERM');
    await life.exited;
  }

  /** What every life printed, oldest first. */
  output(): string {
    return this.lives.map((life, index) => `--- life ${index + 1} ---\n${life.output()}`).join('\n');
  }

  private take(): ServerProcess {
    const life = this.current;
    if (!life) throw new Error('the worker is not running');
    this.current = undefined;
    return life;
  }
}

/**
 * The crash tests' runtime: one process over `databaseUrl`, sending to the fake LINE at `lineUrl`.
 * The secret key is fixed so every life can open the channel credentials the first one sealed.
 */
export function crashWorker(databaseUrl: string, lineUrl: string, dataDir: string): WorkerProcess {
  return new WorkerProcess({
    DATABASE_URL: databaseUrl, PORT: '0', LINE_API_BASE_URL: lineUrl, DATA_DIR: dataDir,
    SECRET_KEY: 'crash-test-secret-key-0123456789abcdef', LOG_LEVEL: 'warn',
  });
}
