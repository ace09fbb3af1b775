import { useTranslation } from 'react-i18next';
import { percent } from '../measure/format.ts';
import { useFlow } from '../store/FlowStoreContext.tsx';

/** Under a branch case or random-split variant: its share of the friends who left the node in the period. */
export function OutputShare({ nodeId, output }: { nodeId: string; output: string }) {
  const { t } = useTranslation();
  const share = useFlow((s) => s.measures?.nodes[nodeId]?.outputs?.find((o) => o.output === output));
  if (!share) return null;
  return (
    <span className="output-share" data-testid={`output-share-${output}`} data-friends={share.friends}>
      {t('measure.canvas.share', { percent: percent(share.share), count: share.friends })}
    </span>
  );
}
