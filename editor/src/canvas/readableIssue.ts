import { nodeKinds, nodeSummary, type Catalogue, type FlowIssue } from '../flow/language.ts';
import { toFlowNode } from '../store/convert.ts';
import type { CanvasNode } from '../store/types.ts';

/** What a person reads instead of an id that names nothing (a deleted tag, link, node…). */
export const GONE = { ja: '削除済み', en: 'deleted' } as const;

/**
 * The issue with ids a person cannot read put into words: a node id becomes the node as the canvas
 * names it (メッセージ送信「ようこそ」), an id of something that no longer exists becomes 削除済み.
 */
export function readableIssue(issue: FlowIssue, nodes: readonly CanvasNode[], catalogue: Catalogue | undefined, lang: 'ja' | 'en'): FlowIssue {
  const id = issue.params.id;
  if (typeof id !== 'string') return issue;
  const node = nodes.find((n) => n.id === id);
  if (node) return { ...issue, params: { ...issue.params, id: `${nodeKinds[node.type].label[lang]}「${nodeSummary(toFlowNode(node), catalogue)[lang]}」` } };
  if (issue.code.startsWith('unknown') || issue.code === 'danglingEdge') return { ...issue, params: { ...issue.params, id: GONE[lang] } };
  return issue;
}
