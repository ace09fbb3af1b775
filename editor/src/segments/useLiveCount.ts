import { useEffect, useState } from 'react';
import type { Condition } from '../flow/language.ts';
import type { SegmentsApi } from './SegmentsApi.ts';

type FriendSample = Awaited<ReturnType<SegmentsApi['sampleCondition']>>['friends'];

/** The count and a sample of friends for a condition as it is edited, asked 300 ms after the last change. */
export function useLiveCount(api: SegmentsApi, ws: string, condition: Condition) {
  const key = JSON.stringify(condition);
  const [state, setState] = useState<{ key: string; count?: number; sample?: FriendSample; error?: unknown }>({ key: '' });
  useEffect(() => {
    let current = true;
    const timer = setTimeout(() => {
      const parsed = JSON.parse(key) as Condition;
      Promise.all([api.countCondition(ws, parsed), api.sampleCondition(ws, parsed)]).then(
        ([count, sample]) => current && setState({ key, count: count.count, sample: sample.friends }),
        (error: unknown) => current && setState({ key, error }),
      );
    }, 300);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [api, ws, key]);
  return { ...state, pending: state.key !== key };
}
