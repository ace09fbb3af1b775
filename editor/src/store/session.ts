import type { StateCreator } from 'zustand/vanilla';
import type { NodeMeasures } from '@lsb/shared/api';
import type { NodeStats, ScenarioSummary } from '../api/types.ts';
import type { Catalogue, FlowIssue } from '../flow/language.ts';

// The non-graph half of an editor's single store: what the canvas shows around the graph.
// Nothing here is undoable or saved.

export type InsertTarget =
  | { kind: 'edge'; edgeId: string; clientX: number; clientY: number }
  | { kind: 'output'; nodeId: string; handle: string; clientX: number; clientY: number };

export type SaveStatus = 'saved' | 'dirty' | 'saving' | 'offline' | 'error' | 'conflict';

export interface Notice {
  tone: 'error' | 'info';
  /** i18n key and params, so the notice follows a language switch. */
  key: string;
  params?: Record<string, string | number>;
  detail?: string;
}

export interface SessionState {
  /** A published version being viewed: no edits, no "+" buttons. */
  readOnly: boolean;
  catalogue: Catalogue | undefined;
  issues: FlowIssue[];
  issuesByNode: Record<string, FlowIssue[]>;
  stats: Record<string, NodeStats> | undefined;
  /** Per-node measures for the chosen days (statistics on the canvas); undefined until loaded. */
  measures: NodeMeasures | undefined;
  /** The days the canvas shows; undefined: the runtime's default (the last 30 days). */
  measureRange: { from: string; to: string } | undefined;
  scenario: ScenarioSummary | undefined;
  insertMenu: InsertTarget | null;
  save: { status: SaveStatus; lastSavedAt: number | undefined; error: unknown };
  notice: Notice | null;

  setReadOnly(readOnly: boolean): void;
  setCatalogue(catalogue: Catalogue): void;
  setIssues(issues: FlowIssue[]): void;
  setStats(stats: Record<string, NodeStats> | undefined): void;
  setMeasures(measures: NodeMeasures | undefined): void;
  setMeasureRange(range: { from: string; to: string } | undefined): void;
  setScenario(scenario: ScenarioSummary): void;
  openInsertMenu(target: InsertTarget): void;
  closeInsertMenu(): void;
  setSaveState(save: Partial<SessionState['save']>): void;
  showNotice(notice: Notice): void;
  dismissNotice(): void;
}

const EMPTY: FlowIssue[] = [];

export const createSessionSlice: StateCreator<SessionState, [], [], SessionState> = (set, get) => ({
  readOnly: false,
  catalogue: undefined,
  issues: EMPTY,
  issuesByNode: {},
  stats: undefined,
  measures: undefined,
  measureRange: undefined,
  scenario: undefined,
  insertMenu: null,
  save: { status: 'saved', lastSavedAt: undefined, error: undefined },
  notice: null,

  setReadOnly: (readOnly) => set({ readOnly }),
  setCatalogue: (catalogue) => set({ catalogue }),
  setIssues(issues) {
    // Cards re-render only when their own issues change, so reuse unchanged per-node arrays.
    const previous = get().issuesByNode;
    const grouped: Record<string, FlowIssue[]> = {};
    for (const issue of issues) if (issue.nodeId) (grouped[issue.nodeId] ??= []).push(issue);
    const byNode: Record<string, FlowIssue[]> = {};
    for (const [id, list] of Object.entries(grouped)) {
      const old = previous[id];
      byNode[id] = old && JSON.stringify(old) === JSON.stringify(list) ? old : list;
    }
    set({ issues, issuesByNode: byNode });
  },
  setStats: (stats) => set({ stats }),
  setMeasures: (measures) => set({ measures }),
  setMeasureRange: (measureRange) => set({ measureRange }),
  setScenario: (scenario) => set({ scenario }),
  openInsertMenu: (insertMenu) => set({ insertMenu }),
  closeInsertMenu: () => set({ insertMenu: null }),
  setSaveState: (save) => set({ save: { ...get().save, ...save } }),
  showNotice: (notice) => set({ notice }),
  dismissNotice: () => set({ notice: null }),
});
