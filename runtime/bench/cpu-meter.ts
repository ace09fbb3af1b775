import { readdirSync, readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import path from 'node:path';

// CPU time by process over a bench's timed phase, from /proc (Linux): this process (the runtime
// runs inside it), the embedded PostgreSQL (the postmaster, its live backends and those that
// exited meanwhile, which the kernel adds to the postmaster's children's time when it reaps them)
// and the fake LINE's process. On a machine every part shares, wall-clock figures move with the
// load; CPU time a friend moves far less, so a change of a few per cent shows in it.

export interface CpuTimes { node: number; postgres: number; fakeLine: number }

const ticksPerSecond = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** utime, stime, cutime, cstime of a process in ms (its children's only once reaped), or zeros if it is gone. */
function procTimes(pid: number): { own: number; reaped: number; ppid: number } {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces) in parentheses.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ms = (index: number) => (Number(fields[index]) * 1000) / ticksPerSecond;
    return { ppid: Number(fields[1]), own: ms(11) + ms(12), reaped: ms(13) + ms(14) };
  } catch {
    return { own: 0, reaped: 0, ppid: 0 };
  }
}

function postgresMs(postmaster: number): number {
  const main = procTimes(postmaster);
  let total = main.own + main.reaped;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const child = procTimes(Number(entry));
    if (child.ppid === postmaster) total += child.own;
  }
  return total;
}

/** The postmaster's pid, from the first line of the cluster's postmaster.pid. */
export function postmasterPid(clusterDir: string): number {
  return Number(readFileSync(path.join(clusterDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
}

/**
 * CPU ms used so far by this process (with `runtimes`, the runtime's own processes when it runs
 * apart), the PostgreSQL cluster and the fake LINE.
 */
export function cpuTimes(sources: { postmaster: number; fakeLine?: number; runtimes?: number[] }): CpuTimes {
  const own = process.cpuUsage();
  return {
    node: (own.user + own.system) / 1000 + (sources.runtimes ?? []).reduce((sum, pid) => sum + procTimes(pid).own, 0),
    postgres: postgresMs(sources.postmaster),
    fakeLine: sources.fakeLine ? procTimes(sources.fakeLine).own : 0,
  };
}

/** The CPU a phase used, per unit of work (µs), as one line for the bench's output. */
export function cpuPerUnit(before: CpuTimes, after: CpuTimes, units: number, unit: string): string {
  const per = (key: keyof CpuTimes) => ((after[key] - before[key]) * 1000) / units;
  const total = per('node') + per('postgres') + per('fakeLine');
  return `cpu a ${unit}: node ${per('node').toFixed(0)} µs, PostgreSQL ${per('postgres').toFixed(0)} µs, fake LINE ${per('fakeLine').toFixed(0)} µs; `
    + `${total.toFixed(0)} µs in all`;
}
