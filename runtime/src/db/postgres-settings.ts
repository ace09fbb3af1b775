import os from 'node:os';

const MB = 1024 * 1024;

/**
 * Server settings for the embedded PostgreSQL, passed as `-c` flags at start (so a cluster made
 * before them gets them too). PostgreSQL's defaults (128 MB shared_buffers, 4 MB work_mem, a
 * 4 GB cache assumed, random reads 4x a sequential one) are for a small shared server; here the
 * database has the machine mostly to itself, and a segment count at 1,000,000 friends scans the
 * friends table (about 0.5 GB): from PostgreSQL's own buffers rather than through the OS cache,
 * in parallel workers, with index walks (the friends page's keyset) priced as the in-memory reads
 * they are. Shared memory is only taken as pages are used, so a small test cluster stays small.
 */
export function serverSettings(totalMemory = os.totalmem(), cpus = os.availableParallelism()): Record<string, string> {
  const mb = Math.floor(totalMemory / MB);
  const clamp = (value: number, min: number, max: number) => Math.max(min, Math.min(max, Math.floor(value)));
  return {
    shared_buffers: `${clamp(mb / 4, 128, 1024)}MB`,
    effective_cache_size: `${clamp(mb / 2, 512, 8192)}MB`,
    work_mem: `${clamp(mb / 256, 4, 32)}MB`,
    maintenance_work_mem: `${clamp(mb / 32, 64, 256)}MB`,
    random_page_cost: '1.1',
    effective_io_concurrency: '64',
    // Two workers per core, at most 4 (what PostgreSQL gives a 0.5 GB table anyway): a count at
    // 1,000,000 friends on a 2-core machine other work shares took 2.0 s with 4 workers, 3.3 s with
    // the default 2, since the processes get their share of a busy machine; on an idle one the
    // same CPU time is split finer, at little cost.
    max_parallel_workers_per_gather: String(clamp(cpus * 2, 2, 4)),
    // A cohort of 1,000,000 friends writes gigabytes of WAL in minutes; at the default 1 GB between
    // checkpoints each checkpoint is followed by a full image of every page touched again.
    max_wal_size: '8GB',
    checkpoint_timeout: '15min',
  };
}

/** The settings as `postgres` command-line arguments. */
export function settingsArgs(settings = serverSettings()): string[] {
  return Object.entries(settings).flatMap(([name, value]) => ['-c', `${name}=${value}`]);
}
