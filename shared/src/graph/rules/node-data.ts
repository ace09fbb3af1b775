import { isEmptyCondition } from '../../conditions/references.ts';
import { checkMessageLimits } from '../../messages/check-limits.ts';
import { LINE_LIMITS } from '../../messages/limits.ts';
import { flowIssue, type FlowIssue } from '../issues.ts';
import type { FlowNode } from '../schema.ts';
import { windowIssues, type DeliveryWindowRule } from '../../time/window-rules.ts';

/** Window mistakes as flow issues; rules are numbered from 1 as the inspector shows them. */
export function windowFlowIssues(rules: readonly DeliveryWindowRule[], at: { nodeId?: string } = {}): FlowIssue[] {
  return windowIssues(rules).map((issue) => {
    const rule = rules[issue.index]!;
    return flowIssue(issue.code, at, {
      rule: issue.index + 1, from: rule.from, to: rule.to,
      ...(issue.other === undefined ? {} : { other: issue.other + 1 }),
      ...(issue.day === undefined ? {} : { day: String(issue.day) }),
    });
  });
}

/** Per-node rules on settings the schema accepts in a draft but LINE or the engine would not. */
export function nodeDataIssues(node: FlowNode): FlowIssue[] {
  const at = { nodeId: node.id };
  switch (node.type) {
    case 'send': {
      const count = node.data.messages.length;
      const issues: FlowIssue[] = node.data.delivery?.mode === 'custom' ? windowFlowIssues(node.data.delivery.windows, at) : [];
      if (count < 1 || count > LINE_LIMITS.messagesPerSend) {
        issues.push(flowIssue('sendMessageCount', at, { actual: count, limit: `1–${LINE_LIMITS.messagesPerSend}` }));
      }
      for (const v of checkMessageLimits(node.data.messages)) {
        issues.push(flowIssue('sendLimit', at, { message: v.messageIndex + 1, rule: v.rule, limit: v.limit, actual: v.actual, path: v.path }));
      }
      return issues;
    }
    case 'branch':
      return node.data.cases
        .filter((c) => isEmptyCondition(c.condition))
        .map((c, i) => flowIssue('emptyCondition', at, { case: c.label.trim() || c.id || String(i + 1) }));
    case 'randomSplit': {
      const sum = node.data.branches.reduce((total, b) => total + b.weight, 0);
      const count = node.data.branches.length;
      return count < 2 || sum !== 100 ? [flowIssue('invalidWeights', at, { sum, count })] : [];
    }
    case 'trigger': {
      const t = node.data.trigger;
      if (t.kind === 'keyword' && t.text.trim() === '') return [flowIssue('missingValue', at, { what: 'keywordText' })];
      if (t.kind === 'postback' && t.data === '') return [flowIssue('missingValue', at, { what: 'postback' })];
      return [];
    }
    case 'tag':
      return node.data.add.length + node.data.remove.length === 0 ? [flowIssue('missingValue', at, { what: 'tag' })] : [];
    case 'wait':
      return windowFlowIssues(node.data.windows ?? [], at);
    case 'waitForEvent':
    case 'setField':
    case 'scenarioControl':
    case 'end':
      return [];
    default: {
      const unhandled: never = node;
      return unhandled;
    }
  }
}
