import type { Lang } from '../i18n/index.ts';
import { nodeKinds, nodeSummary, type Catalogue, type FlowNode } from './language.ts';

/** 「待機: 1日後 10:00」: how lists outside the canvas name a node. */
export function describeNode(node: FlowNode, catalogue: Catalogue | undefined, lang: Lang): string {
  return `${nodeKinds[node.type].label[lang]}: ${nodeSummary(node, catalogue)[lang]}`;
}
