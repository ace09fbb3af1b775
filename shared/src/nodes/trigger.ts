import { Type, type Static } from 'typebox';
import { nameOf, type Reference } from '../graph/catalogue.ts';
import { assertNever, Id } from '../graph/primitives.ts';
import type { Localized } from '../i18n/localized.ts';
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
      return [];
    default:
      return assertNever(trigger);
  }
}

export const triggerKind: NodeKindDefinition<'trigger', TriggerData> = {
  type: 'trigger',
  dataSchema: TriggerData,
  label: { ja: 'トリガー', en: 'Trigger' },
  defaults: () => ({ trigger: { kind: 'friendAdded', includeReturning: false }, reentry: 'firstTimeOnly' }),
  outputs: () => [nextOutput(true)],
  pauses: false,
  acceptsInput: false,
  references: (data) => references(data.trigger),
  summary(data, catalogue): Localized {
    const t = data.trigger;
    switch (t.kind) {
      case 'friendAdded':
        return t.includeReturning
          ? { ja: '友だち追加（ブロック解除を含む）', en: 'Friend added (including unblocks)' }
          : { ja: '友だち追加', en: 'Friend added' };
      case 'inflowRoute': {
        const name = nameOf(catalogue, 'inflowRoute', t.routeId);
        return { ja: `流入経路「${name}」から友だち追加`, en: `Added via inflow route "${name}"` };
      }
      case 'tagAdded': {
        const name = nameOf(catalogue, 'tag', t.tagId);
        return { ja: `タグ「${name}」が付いた`, en: `Tag "${name}" added` };
      }
      case 'keyword':
        return t.match === 'exact'
          ? { ja: `「${t.text}」と一致するメッセージ`, en: `Message equals "${t.text}"` }
          : { ja: `「${t.text}」を含むメッセージ`, en: `Message contains "${t.text}"` };
      case 'postback':
        return { ja: `ポストバック「${t.data}」`, en: `Postback "${t.data}"` };
      case 'linkClicked': {
        const name = nameOf(catalogue, 'link', t.linkId);
        return { ja: `リンク「${name}」をクリック`, en: `Clicked link "${name}"` };
      }
      case 'manual':
        return { ja: '手動・API で登録', en: 'Manual or API enrolment' };
      default:
        return assertNever(t);
    }
  },
};
