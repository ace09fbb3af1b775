import type pg from 'pg';

interface Orphan { id: string; queue: string; startedOn: Date; releasedAt?: number; rerunAt?: number }

export interface KillRecovery {
  orphans: number;
  /** Seconds from the kill until pg-boss took the last of the killed worker's jobs back (heartbeat lapsed). */
  releasedAfter: number | undefined;
  /** Seconds from the kill until the last of them ran again (claimed anew) or finished. */
  rerunAfter: number | undefined;
}

/**
 * Follows the jobs a killed worker held: they are `active` under its claim when it dies, and count
 * as released once pg-boss has failed them back to `retry` (or any other state), and as rerun once a
 * later claim (a newer started_on) or completion shows another life picked them up.
 */
export class RecoveryWatch {
  private readonly kills: Array<{ at: number; orphans: Orphan[] }> = [];

  constructor(private readonly pool: pg.Pool) {}

  /**
   * Call right after the killed process has exited: every active job is an orphan, its own or one
   * an earlier killed life left that no life has taken back yet (counted with that earlier kill).
   */
  async killed(at: number): Promise<number> {
    const { rows } = await this.pool.query<{ id: string; name: string; started_on: Date }>(
      "select id, name, started_on from pgboss.job where state = 'active'");
    const known = new Set(this.kills.flatMap((kill) => kill.orphans.map((orphan) => `${orphan.id}@${orphan.startedOn.getTime()}`)));
    const orphans = rows.filter((row) => !known.has(`${row.id}@${row.started_on.getTime()}`))
      .map((row) => ({ id: row.id, queue: row.name, startedOn: row.started_on }));
    this.kills.push({ at, orphans });
    return orphans.length;
  }

  private polling: Promise<void> | undefined;
  private stopped = false;

  /** Looks every 100 ms from now until stop(), so each release is timed when it happens. */
  start(): void {
    this.polling = (async () => {
      while (!this.stopped) {
        await this.poll();
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    })();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.polling;
  }

  /** One look at every orphan not yet rerun. */
  private async poll(now = Date.now()): Promise<void> {
    const pending = this.kills.flatMap((kill) => kill.orphans.filter((orphan) => orphan.rerunAt === undefined));
    if (pending.length === 0) return;
    const { rows } = await this.pool.query<{ id: string; state: string; started_on: Date | null }>(
      'select id, state, started_on from pgboss.job where id = any($1::uuid[])', [pending.map((orphan) => orphan.id)]);
    const byId = new Map(rows.map((row) => [row.id, row]));
    for (const orphan of pending) {
      const row = byId.get(orphan.id);
      if (!row) continue;
      const sameClaim = row.started_on?.getTime() === orphan.startedOn.getTime();
      if (row.state !== 'active' || !sameClaim) orphan.releasedAt ??= now;
      if (row.state === 'completed' || (row.started_on && !sameClaim)) orphan.rerunAt ??= now;
    }
  }

  get settled(): boolean {
    return this.kills.every((kill) => kill.orphans.every((orphan) => orphan.rerunAt !== undefined));
  }

  summary(): KillRecovery[] {
    const latest = (kill: { at: number; orphans: Orphan[] }, pick: (orphan: Orphan) => number | undefined) => {
      const times = kill.orphans.map(pick);
      if (times.length === 0 || times.some((time) => time === undefined)) return undefined;
      return Math.max(...(times as number[]).map((time) => (time - kill.at) / 1000));
    };
    return this.kills.map((kill) => ({
      orphans: kill.orphans.length,
      releasedAfter: latest(kill, (orphan) => orphan.releasedAt),
      rerunAfter: latest(kill, (orphan) => orphan.rerunAt),
    }));
  }
}
