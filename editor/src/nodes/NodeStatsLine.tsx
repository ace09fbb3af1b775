import { useTranslation } from 'react-i18next';
import type { NodeType } from '../flow/language.ts';
import { useFlow } from '../store/FlowStoreContext.tsx';

/** Live counts on a published scenario: waiting here now, entered, and for sends sent/clicked. */
export function NodeStatsLine({ id, type }: { id: string; type: NodeType }) {
  const { t } = useTranslation();
  const stats = useFlow((s) => s.stats?.[id]);
  const live = useFlow((s) => s.stats !== undefined);
  if (!live) return null;
  const n = stats ?? { waiting: 0, entered: 0 };
  return (
    <div className="node-stats" data-testid="node-stats">
      <span title={t('stats.waitingHint')}>{t('stats.waiting', { count: n.waiting })}</span>
      <span>{t('stats.entered', { count: n.entered })}</span>
      {type === 'send' && <span>{t('stats.sent', { count: n.sent ?? 0 })}</span>}
      {type === 'send' && <span>{t('stats.clicked', { count: n.clicked ?? 0 })}</span>}
    </div>
  );
}
