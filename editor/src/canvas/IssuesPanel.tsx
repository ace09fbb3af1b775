import { useReactFlow } from '@xyflow/react';
import { useTranslation } from 'react-i18next';
import { formatIssue } from '@lsb/shared';
import { nodeKinds } from '../flow/language.ts';
import { useSharedT } from '../i18n/useLang.ts';
import { useFlow, useFlowStoreApi } from '../store/FlowStoreContext.tsx';
import { DEFAULT_NODE_SIZE } from '../store/layout.ts';
import { readableIssue } from './readableIssue.ts';

/** Every validation issue in words; clicking one selects its node and brings it to the centre. */
export function IssuesPanel() {
  const { t } = useTranslation();
  const st = useSharedT();
  const issues = useFlow((s) => s.issues);
  const store = useFlowStoreApi();
  const { setCenter, getZoom } = useReactFlow();

  const focus = (nodeId: string | undefined, edgeId: string | undefined) => {
    const s = store.getState();
    const id = nodeId ?? s.edges.find((e) => e.id === edgeId)?.source;
    const node = id && s.nodes.find((n) => n.id === id);
    if (!node) return;
    s.selectNode(node.id);
    const width = node.measured?.width ?? DEFAULT_NODE_SIZE.width;
    const height = node.measured?.height ?? DEFAULT_NODE_SIZE.height;
    void setCenter(node.position.x + width / 2, node.position.y + height / 2, { zoom: Math.max(getZoom(), 0.8), duration: 300 });
  };

  return (
    <section className="issues-panel" data-testid="issues-panel" aria-label={t('issues.title')}>
      <h3>
        {t('issues.title')} <span className={issues.length ? 'count bad' : 'count'} data-testid="issues-count">{issues.length}</span>
      </h3>
      {issues.length === 0 && <p className="muted">{t('issues.none')}</p>}
      <ul>
        {issues.map((issue, i) => {
          const node = issue.nodeId ? store.getState().nodes.find((n) => n.id === issue.nodeId) : undefined;
          return (
            <li key={`${issue.code}-${issue.nodeId ?? issue.edgeId ?? ''}-${i}`}>
              <button type="button" className="issue-item" onClick={() => focus(issue.nodeId, issue.edgeId)} data-testid="issue-item" data-node-id={issue.nodeId} data-code={issue.code}>
                {node && <span className="issue-node">{st(nodeKinds[node.type].label)}</span>}
                {formatIssue(readableIssue(issue, store.getState().nodes, store.getState().catalogue, st, t('linkNames.deleted')), st)}
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
