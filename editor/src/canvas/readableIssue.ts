import type { Translate } from '@lsb/shared';
import { nodeKinds, nodeSummary, type Catalogue, type FlowIssue } from '../flow/language.ts';
import { toFlowNode } from '../store/convert.ts';
import type { CanvasNode } from '../store/types.ts';

/**
 * The issue with ids a person cannot read put into words: a node id becomes the node as the canvas
 * names it (メッセージ送信「ようこそ」), an id of something that no longer exists becomes `gone`
 * (削除済み).
 */
export function readableIssue(issue: FlowIssue, nodes: readonly CanvasNode[], catalogue: Catalogue | undefined, st: Translate, gone: string): FlowIssue {
  const id = issue.params.id;
  if (typeof id !== 'string') return issue;
  const node = nodes.find((n) => n.id === id);
  if (node) return { ...issue, params: { ...issue.params, id: `${st(nodeKinds[node.type].label)}「${nodeSummary(toFlowNode(node), st, catalogue)}」` } };
  if (issue.code.startsWith('unknown') || issue.code === 'danglingEdge') return { ...issue, params: { ...issue.params, id: gone } };
  return issue;
}
