import type { FriendFacts } from '@lsb/shared';

/**
 * The friend as seen part-way through a step. Tag and field effects are applied by the interpreter
 * only after the step returns, yet a branch or a placeholder further down the same step must see
 * them ("tag 購入済み, then branch on 購入済み"), so runners write here as they emit effects.
 * Copy-on-write: most steps change nothing, and the caller's facts are never mutated.
 */
export class WorkingFacts {
  #facts: FriendFacts;

  constructor(initial: FriendFacts) {
    this.#facts = initial;
  }

  /** The facts as of now, for the condition evaluator. */
  current(): FriendFacts {
    return this.#facts;
  }

  fieldValues(): FriendFacts['fields'] {
    return this.#facts.fields;
  }

  fieldValue(fieldId: string): unknown {
    return Object.hasOwn(this.#facts.fields, fieldId) ? this.#facts.fields[fieldId] : undefined;
  }

  addTags(tagIds: readonly string[]): void {
    if (tagIds.length === 0) return;
    const tags = new Set(this.#facts.tagIds);
    for (const id of tagIds) tags.add(id);
    this.#facts = { ...this.#facts, tagIds: tags };
  }

  removeTags(tagIds: readonly string[]): void {
    if (tagIds.length === 0) return;
    const tags = new Set(this.#facts.tagIds);
    for (const id of tagIds) tags.delete(id);
    this.#facts = { ...this.#facts, tagIds: tags };
  }

  /** null clears the field, which conditions and placeholders treat as empty. */
  setField(fieldId: string, value: string | number | null): void {
    this.#facts = { ...this.#facts, fields: { ...this.#facts.fields, [fieldId]: value } };
  }
}
