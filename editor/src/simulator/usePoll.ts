import { useCallback, useEffect, useRef, useState } from 'react';

export interface Poll<T> {
  data: T | undefined;
  error: unknown;
  /** Loads now (after an action) instead of waiting for the next tick. */
  refresh: () => void;
}

/**
 * Loads `load()` now and again every `intervalMs` while `key` stays the same; the runtime works
 * asynchronously (webhook → workers → fake LINE), so the chat catches up by polling. A new key
 * drops the old data; answers from an older key or an older request are ignored. Ticks are chained
 * (never overlapping) and skipped while the tab is hidden.
 */
export function usePoll<T>(key: string | null, load: () => Promise<T>, intervalMs = 1000): Poll<T> {
  const [state, setState] = useState<{ key: string | null; data: T | undefined; error: unknown }>({ key, data: undefined, error: undefined });
  const loadRef = useRef(load);
  loadRef.current = load;
  const kick = useRef<() => void>(() => {});

  useEffect(() => {
    if (key === null) return;
    let alive = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let request = 0;
    const tick = async () => {
      clearTimeout(timer);
      const mine = ++request;
      if (!document.hidden) {
        try {
          const data = await loadRef.current();
          if (alive && mine === request) setState({ key, data, error: undefined });
        } catch (error) {
          if (alive && mine === request) setState((s) => ({ key, data: s.key === key ? s.data : undefined, error }));
        }
      }
      if (alive && mine === request) timer = setTimeout(() => void tick(), intervalMs);
    };
    kick.current = () => void tick();
    void tick();
    return () => {
      alive = false;
      clearTimeout(timer);
    };
  }, [key, intervalMs]);

  const refresh = useCallback(() => kick.current(), []);
  const current = state.key === key;
  return { data: current ? state.data : undefined, error: current ? state.error : undefined, refresh };
}
