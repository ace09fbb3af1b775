import { nodeKinds } from '../../nodes/registry.ts';
import { flowIssue, type FlowIssue } from '../issues.ts';
import type { GraphIndex } from './graph-index.ts';

/** Nodes no trigger leads to, and loops a run could go round without ever pausing. */
export function flowIssues(index: GraphIndex): FlowIssue[] {
  const successors = new Map<string, string[]>();
  for (const id of index.nodeById.keys()) successors.set(id, []);
  for (const edge of index.soundEdges) successors.get(edge.source)?.push(edge.target);
  return [...unreachable(index, successors), ...instantCycles(index, successors)];
}

function unreachable(index: GraphIndex, successors: Map<string, string[]>): FlowIssue[] {
  const triggers = [...index.nodeById.values()].filter((n) => n.type === 'trigger').map((n) => n.id);
  // Without a trigger every node would be "unreachable"; noTrigger already says what to fix.
  if (triggers.length === 0) return [];
  const seen = new Set(triggers);
  const queue = [...triggers];
  for (let id = queue.pop(); id !== undefined; id = queue.pop()) {
    for (const next of successors.get(id) ?? []) {
      if (!seen.has(next)) {
        seen.add(next);
        queue.push(next);
      }
    }
  }
  return [...index.nodeById.keys()].filter((id) => !seen.has(id)).map((id) => flowIssue('unreachableNode', { nodeId: id }));
}

/**
 * Strongly connected components (Tarjan, iterative so a 10,000-node chain cannot overflow the
 * stack). A component that loops (several nodes, or one with an edge to itself) and holds no
 * pausing node would spin a run forever within one step.
 */
function instantCycles(index: GraphIndex, successors: Map<string, string[]>): FlowIssue[] {
  const order = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const issues: FlowIssue[] = [];
  let counter = 0;

  for (const root of index.nodeById.keys()) {
    if (order.has(root)) continue;
    const work: { id: string; next: number }[] = [{ id: root, next: 0 }];
    order.set(root, counter);
    low.set(root, counter++);
    stack.push(root);
    onStack.add(root);
    while (work.length > 0) {
      const frame = work[work.length - 1]!;
      const targets = successors.get(frame.id) ?? [];
      if (frame.next < targets.length) {
        const target = targets[frame.next++]!;
        if (!order.has(target)) {
          order.set(target, counter);
          low.set(target, counter++);
          stack.push(target);
          onStack.add(target);
          work.push({ id: target, next: 0 });
        } else if (onStack.has(target)) {
          low.set(frame.id, Math.min(low.get(frame.id)!, order.get(target)!));
        }
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.id, Math.min(low.get(parent.id)!, low.get(frame.id)!));
      if (low.get(frame.id) !== order.get(frame.id)) continue;
      const component: string[] = [];
      let member: string | undefined;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== frame.id);
      const loops = component.length > 1 || (successors.get(frame.id) ?? []).includes(frame.id);
      const pauses = component.some((id) => nodeKinds[index.nodeById.get(id)!.type].pauses);
      if (loops && !pauses) {
        const nodes = component.reverse();
        issues.push(flowIssue('cycleWithoutWait', { nodeId: nodes[0]! }, { nodes: nodes.join(', ') }));
      }
    }
  }
  return issues;
}
