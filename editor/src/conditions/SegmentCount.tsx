import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Condition } from '@lsb/shared';
import { useApi } from '../api/ApiContext.tsx';
import { useEditorEnv } from '../editor/EditorEnv.tsx';

const DEBOUNCE_MS = 500;

/** 「該当する友だち: 1,234人」, asked of the runtime a moment after the condition stops changing. */
export function SegmentCount({ condition }: { condition: Condition }) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const { ws } = useEditorEnv();
  const [state, setState] = useState<{ count?: number; failed?: boolean; loading: boolean }>({ loading: true });
  const key = JSON.stringify(condition);

  useEffect(() => {
    let current = true;
    setState((s) => ({ ...s, loading: true }));
    const timer = setTimeout(() => {
      api.countSegment(ws, JSON.parse(key) as Condition).then(
        ({ count }) => current && setState({ count, loading: false }),
        () => current && setState({ failed: true, loading: false }),
      );
    }, DEBOUNCE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [api, ws, key]);

  return (
    <div className="segment-count" data-testid="segment-count" aria-live="polite">
      {state.failed
        ? t('cond.countFailed')
        : state.count === undefined
          ? t('cond.counting')
          : t('cond.count', { count: state.count.toLocaleString(i18n.language) })}
      {state.loading && state.count !== undefined && <span className="muted"> …</span>}
    </div>
  );
}
