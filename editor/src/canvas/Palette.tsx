import { useReactFlow } from '@xyflow/react';
import type { DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { NODE_TYPES, nodeKinds, type NodeType } from '../flow/language.ts';
import { useSharedT } from '../i18n/useLang.ts';
import { KIND_ICONS } from '../nodes/icons.ts';
import { useFlow } from '../store/FlowStoreContext.tsx';

export const DRAG_MIME = 'application/x-lsb-node-type';

/** Every node kind: drag one onto the canvas, or click to drop it in the middle of the view. */
export function Palette() {
  const { t } = useTranslation();
  const st = useSharedT();
  const addNode = useFlow((s) => s.addNode);
  const { screenToFlowPosition } = useReactFlow();

  const onDragStart = (e: DragEvent, type: NodeType) => {
    e.dataTransfer.setData(DRAG_MIME, type);
    e.dataTransfer.effectAllowed = 'move';
  };
  const addAtCentre = (type: NodeType) => {
    const pane = document.querySelector('.react-flow')?.getBoundingClientRect();
    const centre = pane ? { x: pane.left + pane.width / 2 - 130, y: pane.top + pane.height / 2 - 40 } : { x: 0, y: 0 };
    addNode(type, screenToFlowPosition(centre));
  };

  return (
    <aside className="palette" aria-label={t('canvas.palette')} data-testid="palette">
      <h3>{t('canvas.palette')}</h3>
      {NODE_TYPES.map((type) => (
        <button
          key={type}
          type="button"
          draggable
          className={`palette-item kind-${type}`}
          onDragStart={(e) => onDragStart(e, type)}
          onClick={() => addAtCentre(type)}
          title={t('canvas.paletteHint')}
          data-testid={`palette-item-${type}`}
        >
          <span className="node-icon" aria-hidden="true">{KIND_ICONS[type]}</span>
          {st(nodeKinds[type].label)}
        </button>
      ))}
      <p className="muted small">{t('canvas.paletteHint')}</p>
    </aside>
  );
}
