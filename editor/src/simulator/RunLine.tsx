import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../api/ApiContext.tsx';
import type { FriendDetail } from '../api/lineTypes.ts';
import type { WorkspaceCatalogue } from '../api/types.ts';
import { useResource } from '../api/useResource.ts';
import { nameOf, nodeKinds, nodeSummary } from '../flow/language.ts';
import { useLang, useSharedT } from '../i18n/useLang.ts';
import { formatTime } from './friendTime.ts';
import { versionGraph } from './versionGraphs.ts';

type Run = FriendDetail['runs'][number];

/** One run of the friend: scenario, status and the step it is at, named as on the canvas. */
export const RunLine = memo(function RunLine({ ws, run, catalogue, timeZone }: { ws: string; run: Run; catalogue: WorkspaceCatalogue | undefined; timeZone: string }) {
  const { t } = useTranslation();
  const st = useSharedT();
  const lang = useLang();
  const api = useApi();
  const graph = useResource(run.versionId, () => versionGraph(api, ws, run.scenarioId, run.versionId));
  const node = run.currentNodeId ? graph.data?.nodes.find((n) => n.id === run.currentNodeId) : undefined;
  // Named as on the canvas; never the raw node id (while the version loads, nothing is shown).
  const step = node ? `${st(nodeKinds[node.type].label)}「${nodeSummary(node, st, catalogue)}」` : undefined;
  const status = t(`sim.runStatus.${run.status as 'running'}`, { defaultValue: run.status });
  return (
    <li className="sim-run" data-testid="sim-run" data-status={run.status} data-node-id={run.currentNodeId ?? ''} data-scenario-id={run.scenarioId}>
      <strong>{nameOf(catalogue, 'scenario', run.scenarioId)}</strong>
      <span className={`status sim-run-${run.status}`}>{status}</span>
      {step && <span className="sim-run-node" data-testid="sim-run-node">{step}</span>}
      {run.wakeAt && run.status === 'waiting' && <span className="muted small" data-testid="sim-run-wake" data-wake-at={run.wakeAt}>{t('sim.wakeAt', { time: formatTime(run.wakeAt, timeZone, lang) })}</span>}
    </li>
  );
});
