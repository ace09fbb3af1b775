import { IssuesPanel } from '../canvas/IssuesPanel.tsx';
import { InspectorPanel } from '../inspector/InspectorPanel.tsx';

export function SidePanel() {
  return (
    <aside className="side-panel" data-testid="side-panel">
      <InspectorPanel />
      <IssuesPanel />
    </aside>
  );
}
