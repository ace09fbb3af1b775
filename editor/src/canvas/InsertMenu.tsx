import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { NODE_TYPES, nodeKinds } from '../flow/language.ts';
import { useSharedT } from '../i18n/useLang.ts';
import { KIND_ICONS } from '../nodes/icons.ts';
import { useFlow, useFlowStoreApi } from '../store/FlowStoreContext.tsx';
import { clampMenu } from './menuPosition.ts';

/** Kinds that can follow another step: everything with an input (so not triggers). */
const INSERTABLE = NODE_TYPES.filter((type) => nodeKinds[type].acceptsInput);

/** The list of kinds that pops up from a "+" on an edge or a free output. */
export function InsertMenu() {
  const { t } = useTranslation();
  const st = useSharedT();
  const target = useFlow((s) => s.insertMenu);
  const store = useFlowStoreApi();
  const menu = useRef<HTMLDivElement>(null);
  // Measured once shown, then placed so every item is inside the window (near an edge it opens
  // to the left of / above the pointer instead of being cut off).
  const [size, setSize] = useState<{ width: number; height: number }>();
  useLayoutEffect(() => {
    if (!target) return setSize(undefined);
    const el = menu.current;
    if (el) setSize({ width: el.offsetWidth, height: el.scrollHeight });
  }, [target]);

  useEffect(() => {
    if (!target) return;
    const close = (e: KeyboardEvent) => e.key === 'Escape' && store.getState().closeInsertMenu();
    window.addEventListener('keydown', close);
    return () => window.removeEventListener('keydown', close);
  }, [target, store]);

  if (!target) return null;
  const choose = (type: (typeof INSERTABLE)[number]) => {
    const s = store.getState();
    if (target.kind === 'edge') s.insertNodeOnEdge(target.edgeId, type);
    else s.insertNodeAtOutput(target.nodeId, target.handle, type);
    s.closeInsertMenu();
  };
  const { left, top, maxHeight } = clampMenu(
    { x: target.clientX, y: target.clientY },
    size ?? { width: 220, height: 40 * INSERTABLE.length + 16 },
    { width: window.innerWidth, height: window.innerHeight },
  );
  return (
    <div className="insert-backdrop" onMouseDown={() => store.getState().closeInsertMenu()}>
      <div className="insert-menu" role="menu" aria-label={t('canvas.insertMenu')} data-testid="insert-menu" ref={menu}
        style={{ left, top, maxHeight, overflowY: 'auto', visibility: size ? 'visible' : 'hidden' }} onMouseDown={(e) => e.stopPropagation()}>
        {INSERTABLE.map((type) => (
          <button key={type} type="button" role="menuitem" className={`palette-item kind-${type}`} onClick={() => choose(type)} data-testid={`insert-menu-item-${type}`}>
            <span className="node-icon" aria-hidden="true">{KIND_ICONS[type]}</span>
            {st(nodeKinds[type].label)}
          </button>
        ))}
      </div>
    </div>
  );
}
