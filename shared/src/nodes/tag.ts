import { Type, type Static } from 'typebox';
import { nameOf } from '../graph/catalogue.ts';
import { Id } from '../graph/primitives.ts';
import { nextOutput, type NodeKindDefinition } from './kind.ts';

/** Tags are removed after they are added, so a tag in both lists ends up removed. */
export const TagData = Type.Object({
  add: Type.Array(Id, { maxItems: 100 }),
  remove: Type.Array(Id, { maxItems: 100 }),
});
export type TagData = Static<typeof TagData>;

export const tagKind: NodeKindDefinition<'tag', TagData> = {
  type: 'tag',
  dataSchema: TagData,
  label: { ja: 'タグ操作', en: 'Tags' },
  defaults: () => ({ add: [], remove: [] }),
  outputs: () => [nextOutput(false)],
  pauses: false,
  acceptsInput: true,
  references: (data) => [...data.add, ...data.remove].map((id) => ({ kind: 'tag', id })),
  summary(data, catalogue) {
    const names = (ids: string[]) => ids.map((id) => nameOf(catalogue, 'tag', id)).join('、');
    const ja: string[] = [];
    const en: string[] = [];
    if (data.add.length > 0) {
      ja.push(`追加: ${names(data.add)}`);
      en.push(`Add: ${names(data.add)}`);
    }
    if (data.remove.length > 0) {
      ja.push(`解除: ${names(data.remove)}`);
      en.push(`Remove: ${names(data.remove)}`);
    }
    if (ja.length === 0) return { ja: 'タグ未設定', en: 'No tags chosen' };
    return { ja: ja.join(' / '), en: en.join(' / ') };
  },
};
