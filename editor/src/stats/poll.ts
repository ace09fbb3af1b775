export const STATS_INTERVAL_MS = 5000;

/**
 * Calls `once` now and again every STATS_INTERVAL_MS (six times slower while the tab is hidden)
 * until the returned stop is called. A failed call is ignored (the figures are informative; the
 * last ones stay) and the next one is still scheduled.
 */
export function pollStats(once: (isStopped: () => boolean) => Promise<void>): () => void {
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const poll = async () => {
    try {
      await once(() => stopped);
    } catch {
      // Informative figures: the save status already reports a runtime that is down.
    }
    if (!stopped) timer = setTimeout(() => void poll(), document.hidden ? STATS_INTERVAL_MS * 6 : STATS_INTERVAL_MS);
  };
  void poll();
  return () => {
    stopped = true;
    if (timer !== undefined) clearTimeout(timer);
  };
}
