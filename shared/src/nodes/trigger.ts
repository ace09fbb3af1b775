import { Type, type Static } from 'typebox';
import { conversionPointName, nameOf, type Reference } from '../graph/catalogue.ts';
import { assertNever, Id } from '../graph/primitives.ts';
import { nextOutput, type NodeKindDefinition } from './kind.ts';

// One trigger per node; a scenario with several entry points has several trigger nodes, each
// with its own re-entry policy.

export const Trigger = Type.Union([
  /** A new friend; with `includeReturning`, also one who unblocks us (follow.isUnblocked). */
  Type.Object({ kind: Type.Literal('friendAdded'), includeReturning: Type.Boolean() }),
  /** Added as a friend through this 流入経路 (a named URL or QR code). */
  Type.Object({ kind: Type.Literal('inflowRoute'), routeId: Id }),
  Type.Object({ kind: Type.Literal('tagAdded'), tagId: Id }),
  Type.Object({
    kind: Type.Literal('keyword'),
    match: Type.Union([Type.Literal('exact'), Type.Literal('contains')]),
    text: Type.String({ maxLength: 300 }),
  }),
  /** Postback data equal to this string (LINE caps postback data at 300 characters). */
  Type.Object({ kind: Type.Literal('postback'), data: Type.String({ maxLength: 300 }) }),
  Type.Object({ kind: Type.Literal('linkClicked'), linkId: Id }),
  /** Enrolled by hand in the UI or through the API. */
  Type.Object({ kind: Type.Literal('manual') }),
  /** The friend reached this conversion point (any point when `pointId` is absent). */
  Type.Object({ kind: Type.Literal('conversion'), pointId: Type.Optional(Id) }),
]);
export type Trigger = Static<typeof Trigger>;
export type TriggerKind = Trigger['kind'];

/**
 * firstTimeOnly: a friend enters this scenario once in their life; everyTime: on each firing;
 * notWhileRunning: again, but not while a run of this scenario is still in progress.
 */
export const ReentryPolicy = Type.Union([
  Type.Literal('firstTimeOnly'),
  Type.Literal('everyTime'),
  Type.Literal('notWhileRunning'),
]);
export type ReentryPolicy = Static<typeof ReentryPolicy>;

/**
 * What a run of this scenario does when the friend blocks the account. hold (the default, also
 * when absent): it stays where it is, sends nothing, and resumes when the friend returns (unless
 * the re-entry policy restarts the scenario then). end: the run ends at once.
 */
export const BlockPolicy = Type.Union([Type.Literal('hold'), Type.Literal('end')]);
export type BlockPolicy = Static<typeof BlockPolicy>;
export const DEFAULT_BLOCK_POLICY: BlockPolicy = 'hold';

export const TriggerData = Type.Object({ trigger: Trigger, reentry: ReentryPolicy, onBlock: Type.Optional(BlockPolicy) });
export type TriggerData = Static<typeof TriggerData>;

function references(trigger: Trigger): Reference[] {
  switch (trigger.kind) {
    case 'inflowRoute':
      return [{ kind: 'inflowRoute', id: trigger.routeId }];
    case 'tagAdded':
      return [{ kind: 'tag', id: trigger.tagId }];
    case 'linkClicked':
      return [{ kind: 'link', id: trigger.linkId }];
    case 'friendAdded':
    case 'keyword':
    case 'postback':
    case 'manual':
    case 'conversion':
      return [];
    default:
      return assertNever(trigger);
  }
}

export const triggerKind: NodeKindDefinition<'trigger', TriggerData> = {
  type: 'trigger',
  dataSchema: TriggerData,
  migrations: {},
  label: 'node.trigger.label',
  defaults: () => ({ trigger: { kind: 'friendAdded', includeReturning: false }, reentry: 'firstTimeOnly' }),
  outputs: () => [nextOutput(true)],
  pauses: false,
  acceptsInput: false,
  references: (data) => references(data.trigger),
  summary(data, t, catalogue) {
    const trigger = data.trigger;
    switch (trigger.kind) {
      case 'friendAdded':
        return t(trigger.includeReturning ? 'node.trigger.friendAddedOrUnblocked' : 'node.trigger.friendAdded');
      case 'inflowRoute':
        return t('node.trigger.inflowRoute', { name: nameOf(catalogue, 'inflowRoute', trigger.routeId) });
      case 'tagAdded':
        return t('node.trigger.tagAdded', { name: nameOf(catalogue, 'tag', trigger.tagId) });
      case 'keyword':
        return t(trigger.match === 'exact' ? 'node.trigger.keywordExact' : 'node.trigger.keywordContains', { text: trigger.text });
      case 'postback':
        return t('node.trigger.postback', { data: trigger.data });
      case 'linkClicked':
        return t('node.trigger.linkClicked', { name: nameOf(catalogue, 'link', trigger.linkId) });
      case 'manual':
        return t('node.trigger.manual');
      case 'conversion':
        return trigger.pointId === undefined ? t('node.trigger.anyConversion') : t('node.trigger.conversion', { name: conversionPointName(catalogue, trigger.pointId) });
      default:
        return assertNever(trigger);
    }
  },
};
