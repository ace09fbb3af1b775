import { Handle, Position } from '@xyflow/react';
import { useTranslation } from 'react-i18next';
import { translateText, type NodeOutput } from '../flow/language.ts';
import { useSharedT } from '../i18n/useLang.ts';
import { useFlow } from '../store/FlowStoreContext.tsx';
import { outputKey, selectUsedOutputs } from '../store/selectors.ts';
import { OutputShare } from '../stats/OutputShare.tsx';

/** Outputs sit along the bottom edge, each labelled; a free one offers "+" to add the next step. */
export function OutputHandles({ nodeId, outputs, readOnly }: { nodeId: string; outputs: NodeOutput[]; readOnly: boolean }) {
  const { t } = useTranslation();
  const st = useSharedT();
  const used = useFlow(selectUsedOutputs);
  const openInsertMenu = useFlow((s) => s.openInsertMenu);
  if (outputs.length === 0) return null;
  return (
    <div className="node-outputs">
      {outputs.map((output) => {
        const free = !used.has(outputKey(nodeId, output.id));
        return (
          <div className="node-output" key={output.id} data-testid={`output-${output.id}`}>
            <span className={output.required && free ? 'output-label required' : 'output-label'}>{translateText(st, output.label)}</span>
            <OutputShare nodeId={nodeId} output={output.id} />
            <Handle type="source" position={Position.Bottom} id={output.id} className="output-handle" data-testid={`output-handle-${output.id}`} />
            {free && !readOnly && (
              <button
                type="button"
                className="output-add nodrag"
                title={t('canvas.addAfter')}
                aria-label={t('canvas.addAfter')}
                data-testid={`output-add-${output.id}`}
                onClick={(e) => openInsertMenu({ kind: 'output', nodeId, handle: output.id, clientX: e.clientX, clientY: e.clientY })}
              >
                +
              </button>
            )}
          </div>
        );
      })}
    </div>
  );
}
