import { useTranslation } from 'react-i18next';
import type { NodeType } from '../flow/language.ts';
import { useLang } from '../i18n/useLang.ts';
import { formatYen } from '../measure/format.ts';
import { useFlow } from '../store/FlowStoreContext.tsx';

const SENDS: ReadonlySet<NodeType> = new Set(['send']);

/**
 * Counts on a published scenario. With the chosen days' measures loaded: entered in the period,
 * waiting now, and for sends sent / failed / unique clicks, plus conversions credited to the step.
 * Before they arrive (or if the runtime cannot give them), the live all-time counts.
 */
export function NodeStatsLine({ id, type }: { id: string; type: NodeType }) {
  const { t } = useTranslation();
  const lang = useLang();
  const stats = useFlow((s) => s.stats?.[id]);
  const live = useFlow((s) => s.stats !== undefined);
  const measured = useFlow((s) => s.measures !== undefined);
  const m = useFlow((s) => s.measures?.nodes[id]);
  if (measured) {
    const n = m ?? { entered: 0, waiting: 0, sent: 0, failed: 0, uniqueClicks: 0, conversions: 0, conversionValue: 0 };
    return (
      <div className="node-stats" data-testid="node-stats" data-measured="true">
        <span title={t('stats.waitingHint')} data-testid="stat-waiting">{t('measure.canvas.waiting', { count: n.waiting })}</span>
        <span title={t('measure.canvas.enteredHint')} data-testid="stat-entered">{t('measure.canvas.entered', { count: n.entered })}</span>
        {SENDS.has(type) && <span data-testid="stat-sent">{t('measure.canvas.sent', { count: n.sent })}</span>}
        {SENDS.has(type) && n.failed > 0 && <span className="bad" title={t('measure.canvas.failedHint')} data-testid="stat-failed">{t('measure.canvas.failed', { count: n.failed })}</span>}
        {SENDS.has(type) && <span title={t('measure.canvas.clicksHint')} data-testid="stat-clicks">{t('measure.canvas.clicks', { count: n.uniqueClicks })}</span>}
        {(n.conversions > 0 || SENDS.has(type)) && (
          <span title={t('measure.canvas.conversionsHint')} data-testid="stat-conversions">
            {t('measure.canvas.conversions', { count: n.conversions })}
            {n.conversionValue > 0 && ` · ${t('measure.canvas.conversionValue', { value: formatYen(n.conversionValue, lang) })}`}
          </span>
        )}
      </div>
    );
  }
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
