import { useEffect, useState } from 'react';
import type { BroadcastPreview, BroadcastPreviewBody, BroadcastsApi } from './BroadcastsApi.ts';

/** The recipients and the quota they use, asked 400 ms after the audience stops changing. */
export function useBroadcastPreview(api: BroadcastsApi, ws: string, body: BroadcastPreviewBody | undefined) {
  // No body (a segment not chosen yet): nothing to ask.
  const key = body ? JSON.stringify(body) : '';
  const [state, setState] = useState<{ key: string; preview?: BroadcastPreview; error?: unknown }>({ key: '' });
  useEffect(() => {
    let current = true;
    if (!key) return undefined;
    const timer = setTimeout(() => {
      api.preview(ws, JSON.parse(key) as BroadcastPreviewBody).then(
        (preview) => current && setState({ key, preview }),
        (error: unknown) => current && setState({ key, error }),
      );
    }, 400);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [api, ws, key]);
  return { ...state, pending: state.key !== key };
}
