import pg from 'pg';

/**
 * Where PostgreSQL spends a bench's time: every 20 ms, what each backend is running (its query's
 * first words, or what it waits on). Opt in with BENCH_SAMPLE=1; `stop()` prints the commonest
 * statements by share of samples. Sampling is cheap and needs no extension (pg_stat_statements is
 * not loaded in the embedded server), which is why it is this and not a statement log.
 */
export function sampleActivity(url: string, say: (line: string) => void): { stop(): Promise<void> } {
  if (process.env.BENCH_SAMPLE !== '1') return { stop: async () => {} };
  const client = new pg.Client({ connectionString: url });
  const counts = new Map<string, number>();
  let samples = 0;
  let running = true;
  const loop = (async () => {
    await client.connect();
    while (running) {
      const { rows } = await client.query<{ what: string }>(`
        select coalesce(wait_event_type || ':' || wait_event || ' ', '') || regexp_replace(left(query, 90), '\\s+', ' ', 'g') as what
        from pg_stat_activity where state = 'active' and pid <> pg_backend_pid() and backend_type = 'client backend'`);
      samples += 1;
      for (const { what } of rows) counts.set(what, (counts.get(what) ?? 0) + 1);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await client.end();
  })();
  return {
    async stop() {
      running = false;
      await loop;
      say(`activity: ${samples} samples; busy backends per sample, by statement:`);
      for (const [what, count] of [...counts].sort((a, b) => b[1] - a[1]).slice(0, 25)) say(`  ${(count / samples).toFixed(2)}  ${what}`);
    },
  };
}
