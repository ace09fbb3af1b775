import { BaseEdge, EdgeLabelRenderer, getSmoothStepPath, type EdgeProps } from '@xyflow/react';
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { useFlow } from '../store/FlowStoreContext.tsx';

export const ARROW_MARKER_ID = 'lsb-arrow';

/** An edge with a "+" at its middle that inserts a step between its two nodes. */
export const InsertableEdge = memo(function InsertableEdge(props: EdgeProps) {
  const { t } = useTranslation();
  const openInsertMenu = useFlow((s) => s.openInsertMenu);
  const readOnly = useFlow((s) => s.readOnly);
  const [path, labelX, labelY] = getSmoothStepPath({
    sourceX: props.sourceX,
    sourceY: props.sourceY,
    sourcePosition: props.sourcePosition,
    targetX: props.targetX,
    targetY: props.targetY,
    targetPosition: props.targetPosition,
    borderRadius: 12,
  });
  return (
    <>
      <BaseEdge id={props.id} path={path} markerEnd={`url(#${ARROW_MARKER_ID})`} className={props.selected ? 'edge selected' : 'edge'} />
      {!readOnly && (
        <EdgeLabelRenderer>
          <button
            type="button"
            className="edge-add nodrag nopan"
            style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }}
            title={t('canvas.insertHere')}
            aria-label={t('canvas.insertHere')}
            data-testid="edge-add-button"
            data-edge-id={props.id}
            onClick={(e) => openInsertMenu({ kind: 'edge', edgeId: props.id, clientX: e.clientX, clientY: e.clientY })}
          >
            +
          </button>
        </EdgeLabelRenderer>
      )}
    </>
  );
});

/** The arrowhead all edges share, defined once for the whole canvas. */
export function ArrowMarker() {
  return (
    <svg className="marker-defs" aria-hidden="true">
      <defs>
        <marker id={ARROW_MARKER_ID} viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
          <path d="M 0 0 L 10 5 L 0 10 z" fill="#8a94a3" />
        </marker>
      </defs>
    </svg>
  );
}
