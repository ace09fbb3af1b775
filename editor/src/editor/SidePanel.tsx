import { IssuesPanel } from '../canvas/IssuesPanel.tsx';
import { InspectorPanel } from '../inspector/InspectorPanel.tsx';
import { StatsPanel } from '../stats/StatsPanel.tsx';

export function SidePanel() {
  return (
    <aside className="side-panel" data-testid="side-panel">
      <InspectorPanel />
      <IssuesPanel />
      <StatsPanel />
    </aside>
  );
}
