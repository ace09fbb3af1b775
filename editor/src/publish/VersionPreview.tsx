import { ReactFlowProvider } from '@xyflow/react';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { VersionDetail } from '../api/types.ts';
import { FlowCanvas } from '../canvas/FlowCanvas.tsx';
import { emptyGraph, parseFlowGraph } from '../flow/language.ts';
import { createFlowStore } from '../store/createFlowStore.ts';
import { FlowStoreProvider, useFlow } from '../store/FlowStoreContext.tsx';

/** A published version on its own read-only canvas: a second store, so the draft is untouched. */
export function VersionPreview({ version }: { version: VersionDetail }) {
  const { t } = useTranslation();
  const catalogue = useFlow((s) => s.catalogue);
  const store = useMemo(() => {
    const parsed = parseFlowGraph(version.graph);
    const s = createFlowStore(parsed.ok ? parsed.graph : emptyGraph());
    s.getState().setReadOnly(true);
    if (catalogue) s.getState().setCatalogue(catalogue);
    return s;
  }, [version, catalogue]);
  return (
    <div className="version-preview" data-testid="version-preview" data-version={version.version}>
      <h4>{t('versions.viewing', { version: version.version })}</h4>
      <FlowStoreProvider store={store}>
        <ReactFlowProvider>
          <FlowCanvas />
        </ReactFlowProvider>
      </FlowStoreProvider>
    </div>
  );
}
