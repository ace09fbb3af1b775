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
  migrations: {},
  label: 'node.tag.label',
  defaults: () => ({ add: [], remove: [] }),
  outputs: () => [nextOutput(false)],
  pauses: false,
  acceptsInput: true,
  references: (data) => [...data.add, ...data.remove].map((id) => ({ kind: 'tag', id })),
  summary(data, t, catalogue) {
    const names = (ids: string[]) => ids.map((id) => nameOf(catalogue, 'tag', id)).join('、');
    const parts: string[] = [];
    if (data.add.length > 0) parts.push(t('node.tag.add', { names: names(data.add) }));
    if (data.remove.length > 0) parts.push(t('node.tag.remove', { names: names(data.remove) }));
    return parts.length === 0 ? t('node.tag.none') : parts.join(' / ');
  },
};
