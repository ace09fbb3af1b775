import { Handle, Position } from '@xyflow/react';
import { useMemo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatIssue } from '@lsb/shared';
import { nodeKinds, nodeOutputs, nodeSummary, type FlowNode, type NodeType } from '../flow/language.ts';
import { useSharedT } from '../i18n/useLang.ts';
import { useFlow } from '../store/FlowStoreContext.tsx';
import { NodeStatsLine } from './NodeStatsLine.tsx';
import { OutputHandles } from './OutputHandles.tsx';
import { KIND_ICONS } from './icons.ts';

/**
 * The card every node kind draws: kind, a one-line summary in words from shared, live issue
 * badge and counts, an input handle on top and labelled outputs below.
 */
export function NodeCard({ id, type, data, selected, children }: {
  id: string;
  type: NodeType;
  data: FlowNode['data'];
  selected: boolean;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  const st = useSharedT();
  const catalogue = useFlow((s) => s.catalogue);
  const issues = useFlow((s) => s.issuesByNode[id]);
  const readOnly = useFlow((s) => s.readOnly);
  const node = useMemo(() => ({ id, type, data, position: { x: 0, y: 0 } }) as FlowNode, [id, type, data]);
  const outputs = useMemo(() => nodeOutputs(node), [node]);
  const summary = useMemo(() => nodeSummary(node, st, catalogue), [node, st, catalogue]);
  const kind = nodeKinds[type];

  return (
    <div
      className={`node-card kind-${type}${selected ? ' selected' : ''}${issues ? ' has-issues' : ''}`}
      data-testid="node-card"
      data-node-type={type}
    >
      {kind.acceptsInput && <Handle type="target" position={Position.Top} className="input-handle" />}
      <div className="node-head">
        <span className="node-icon" aria-hidden="true">{KIND_ICONS[type]}</span>
        <span className="node-kind">{st(kind.label)}</span>
        {issues && (
          <span
            className="issue-badge"
            data-testid="node-issue-badge"
            title={issues.map((i) => formatIssue(i, st)).join('\n')}
            aria-label={t('issues.count', { count: issues.length })}
          >
            {issues.length}
          </span>
        )}
      </div>
      <div className="node-summary" data-testid="node-summary">{summary}</div>
      {children}
      <NodeStatsLine id={id} type={type} />
      <OutputHandles nodeId={id} outputs={outputs} readOnly={readOnly} />
    </div>
  );
}
