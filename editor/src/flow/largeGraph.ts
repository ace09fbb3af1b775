import { createNode, emptyGraph, type FlowEdge, type FlowGraph, type FlowNode } from './language.ts';

/**
 * A realistic big scenario for the benchmark and the demo: a trigger, then `blocks` repetitions
 * of wait → send → branch → (tag | send), five nodes each, rejoining at the next wait.
 */
export function largeGraph(blocks: number, tagId = 'tag-bought'): FlowGraph {
  const nodes: FlowNode[] = [createNode('trigger', 'trigger', { x: 0, y: 0 })];
  const edges: FlowEdge[] = [];
  let tails: { id: string; handle: string }[] = [{ id: 'trigger', handle: 'next' }];
  const link = (source: string, sourceHandle: string, target: string) =>
    edges.push({ id: `e${edges.length + 1}`, source, sourceHandle, target });
  for (let i = 0; i < blocks; i++) {
    const y = 160 + i * 760;
    const wait = createNode('wait', `wait-${i}`, { x: 0, y });
    const send = { ...createNode('send', `send-${i}`, { x: 0, y: y + 150 }), data: { messages: [{ type: 'text' as const, text: `${i + 1}日目のお知らせです。{name|お客様}、今日のおすすめをご覧ください。` }] } };
    const branch = {
      ...createNode('branch', `branch-${i}`, { x: 0, y: y + 300 }),
      data: { cases: [{ id: 'case-1', label: '購入済み', condition: { kind: 'tag' as const, tagId, has: true } }] },
    };
    const tag = { ...createNode('tag', `tag-${i}`, { x: -170, y: y + 470 }), data: { add: [tagId], remove: [] } };
    const followUp = { ...createNode('send', `follow-${i}`, { x: 170, y: y + 470 }), data: { messages: [{ type: 'text' as const, text: 'まだの方へ: 期間限定クーポンがあります。' }] } };
    nodes.push(wait, send, branch, tag, followUp);
    for (const tail of tails) link(tail.id, tail.handle, wait.id);
    link(wait.id, 'next', send.id);
    link(send.id, 'next', branch.id);
    link(branch.id, 'case-1', tag.id);
    link(branch.id, 'else', followUp.id);
    tails = [{ id: tag.id, handle: 'next' }, { id: followUp.id, handle: 'next' }];
  }
  return { ...emptyGraph(), nodes, edges };
}
