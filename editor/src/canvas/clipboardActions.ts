import type { ScenarioApi } from '../api/ScenarioApi.ts';
import type { CatalogueItemKind } from '../api/types.ts';
import type { FlowNode, ReferenceKind } from '../flow/language.ts';
import { missingReferences, parseClipboard, remapIds, type Fragment, type MissingReference } from '../store/clipboard.ts';
import type { FlowStore } from '../store/createFlowStore.ts';

// Copy and paste sit between the store (pure) and the outside world (system clipboard, API).

/** The last copy, for browsers that refuse clipboard reads (and for tests). */
let lastCopied: string | undefined;

export function copySelection(store: FlowStore): string | undefined {
  const s = store.getState();
  const fragment = s.copySelection(s.catalogue);
  if (!fragment) return undefined;
  lastCopied = JSON.stringify(fragment, null, 2);
  return lastCopied;
}

export async function writeClipboard(text: string): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    // No permission or no secure context: the in-memory copy still pastes within this tab.
  }
}

export async function readClipboard(): Promise<string | undefined> {
  try {
    return await navigator.clipboard.readText();
  } catch {
    return lastCopied;
  }
}

export interface PendingPaste {
  fragment: Fragment;
  missing: MissingReference[];
}

/**
 * Pastes text: nothing changes when it is not a flow (a notice says why). When the flow refers
 * to tags, fields, … this workspace lacks, the caller gets them back to ask the marketer.
 */
export function pasteText(store: FlowStore, text: string): PendingPaste | undefined {
  const s = store.getState();
  if (s.readOnly) return undefined;
  const parsed = parseClipboard(text);
  if (!parsed.ok) {
    if (parsed.reason === 'notJson') s.showNotice({ tone: 'error', key: 'paste.notJson' });
    else s.showNotice({ tone: 'error', key: 'paste.notFlow', detail: parsed.issues.map((i) => `${i.code} ${JSON.stringify(i.params)}`).join('\n') });
    return undefined;
  }
  const missing = s.catalogue ? missingReferences(parsed.fragment.graph, s.catalogue, parsed.fragment.names) : [];
  if (missing.length > 0) return { fragment: parsed.fragment, missing };
  s.pasteFragment(parsed.fragment);
  s.showNotice({ tone: 'info', key: 'paste.done', params: { count: parsed.fragment.graph.nodes.length } });
  return undefined;
}

export const CREATABLE: Partial<Record<ReferenceKind, CatalogueItemKind>> = { tag: 'tags', field: 'fields', inflowRoute: 'inflow-routes' };

export type Resolution = 'create' | 'match' | 'leave';

/** Creates or matches what the marketer chose, points the pasted nodes at it, then pastes. */
export async function resolveAndPaste(
  store: FlowStore,
  api: ScenarioApi,
  ws: string,
  pending: PendingPaste,
  choices: ReadonlyMap<string, Resolution>,
): Promise<void> {
  const mapping = new Map<string, string>();
  for (const ref of pending.missing) {
    const choice = choices.get(`${ref.kind}:${ref.id}`) ?? 'leave';
    const endpoint = CREATABLE[ref.kind];
    if (choice === 'match' && ref.match) mapping.set(ref.id, ref.match.id);
    if (choice === 'create' && endpoint && ref.name) {
      const created = await api.createCatalogueItem(ws, endpoint, { name: ref.name, kind: ref.fieldKinds?.[0] ?? 'text' });
      mapping.set(ref.id, created.id);
    }
  }
  if (mapping.size > 0) store.getState().setCatalogue(await api.getCatalogue(ws));
  const graph = { ...pending.fragment.graph, nodes: pending.fragment.graph.nodes.map((n) => ({ ...n, data: remapIds(n.data, mapping) }) as FlowNode) };
  store.getState().pasteFragment({ ...pending.fragment, graph });
}
