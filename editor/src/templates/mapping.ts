import type { Mapping, MappingChoice, ReferenceRow } from './api.ts';

/** One reference's answer in the wizard: the runtime's choices, or not decided yet. */
export type Answer = MappingChoice | { action: 'later' };
export type Answers = Record<string, Answer>;

/** The wizard starts from the runtime's suggestion for every row (remembered, same name, or create). */
export function suggestedAnswers(rows: readonly ReferenceRow[]): Answers {
  return Object.fromEntries(rows.map((row) => [row.key, row.suggestion]));
}

/** The mapping to send: rows left for later are left out (they stay unmapped and block publishing). */
export function toMapping(answers: Answers): Mapping {
  const mapping: Mapping = {};
  for (const [key, answer] of Object.entries(answers)) if (answer.action !== 'later') mapping[key] = answer;
  return mapping;
}

/** Keys still without an answer, or whose chosen entry is not among the row's candidates any more. */
export function unmappedKeys(rows: readonly ReferenceRow[], answers: Answers): string[] {
  return rows.filter((row) => {
    const answer = answers[row.key];
    if (!answer || answer.action === 'later') return true;
    return answer.action === 'existing' && !row.candidates.some((c) => c.id === answer.targetId);
  }).map((row) => row.key);
}
