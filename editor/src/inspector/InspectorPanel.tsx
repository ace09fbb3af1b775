import { useCallback, type ComponentType } from 'react';
import { useTranslation } from 'react-i18next';
import { nodeKinds, type NodeType } from '../flow/language.ts';
import { useSharedT } from '../i18n/useLang.ts';
import { nodeUi } from '../nodes/registry.ts';
import { useFlow } from '../store/FlowStoreContext.tsx';
import { selectSingleSelectedId } from '../store/selectors.ts';
import type { InspectorProps } from './types.ts';

/** The side panel for the one selected node; it selects only that node's type and data. */
export function InspectorPanel() {
  const { t } = useTranslation();
  const st = useSharedT();
  const id = useFlow(selectSingleSelectedId);
  const type = useFlow((s) => (id ? s.nodes.find((n) => n.id === id)?.type : undefined));
  const data = useFlow((s) => (id ? s.nodes.find((n) => n.id === id)?.data : undefined));
  const readOnly = useFlow((s) => s.readOnly);
  const updateNodeData = useFlow((s) => s.updateNodeData);
  const onChange = useCallback((next: unknown) => id && updateNodeData(id, next as never), [id, updateNodeData]);

  if (!id || !type || data === undefined) {
    return (
      <section className="inspector empty" data-testid="inspector">
        <p className="muted">{t('inspector.empty')}</p>
      </section>
    );
  }
  const Inspector = nodeUi[type].Inspector as ComponentType<InspectorProps<NodeType>>;
  return (
    <section className="inspector" data-testid="inspector" data-node-id={id} data-node-type={type}>
      <h3>{st(nodeKinds[type].label)}</h3>
      <fieldset disabled={readOnly} className="inspector-fields">
        {/* Keyed by node so local form state never leaks from one node to the next. */}
        <Inspector key={id} nodeId={id} data={data} onChange={onChange} />
      </fieldset>
    </section>
  );
}
