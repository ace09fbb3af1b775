import type { Catalogue } from '../graph/catalogue.ts';
import { replacePlaceholders } from './placeholders.ts';

// Placeholders refer to links and fields by id, which a person should never have to read. These
// turn the ids into names for display and back again for storage.

type Named = { id: string; name: string };
type Lists = Pick<Catalogue, 'links' | 'fields'> | undefined;

const PLACEHOLDER_KIND = /\{(link|field):([^|{}]+)/g;

/** A name usable inside braces that names exactly one entry (otherwise the id has to stay). */
function uniqueNames(list: readonly Named[]): Map<string, string> {
  const count = new Map<string, number>();
  for (const entry of list) count.set(entry.name, (count.get(entry.name) ?? 0) + 1);
  const names = new Map<string, string>();
  for (const entry of list) if (count.get(entry.name) === 1 && !/[|{}]/.test(entry.name) && entry.name.trim() === entry.name && entry.name) names.set(entry.id, entry.name);
  return names;
}

/** `{link:<id>}` → `{link:クーポンページ}`, `{field:<id>|…}` → `{field:誕生日|…}`, for an editable text box. */
export function placeholdersForDisplay(text: string, catalogue: Lists): string {
  if (!catalogue) return text;
  const links = uniqueNames(catalogue.links);
  const fields = uniqueNames(catalogue.fields);
  return text.replace(PLACEHOLDER_KIND, (whole, kind: string, ref: string) => {
    const name = (kind === 'link' ? links : fields).get(ref.trim());
    return name === undefined ? whole : `{${kind}:${name}`;
  });
}

/** The inverse of placeholdersForDisplay: names typed or shown in a text box go back to ids. */
export function placeholdersForStorage(text: string, catalogue: Lists): string {
  if (!catalogue) return text;
  const byName = (list: readonly Named[]) => new Map([...uniqueNames(list)].map(([id, name]) => [name, id]));
  const links = byName(catalogue.links);
  const fields = byName(catalogue.fields);
  return text.replace(PLACEHOLDER_KIND, (whole, kind: string, ref: string) => {
    const id = (kind === 'link' ? links : fields).get(ref.trim());
    return id === undefined ? whole : `{${kind}:${id}`;
  });
}

/**
 * A text as a summary or list shows it: a tracked link as ［🔗 its name］, a field as ［its name］,
 * never an id. A reference to something the catalogue lacks reads as `missing`.
 */
export function readablePlaceholders(text: string, catalogue: Lists, missing = '?'): string {
  return replacePlaceholders(text, (p) => {
    switch (p.kind) {
      case 'name': return p.raw;
      case 'field': return `［${catalogue?.fields.find((f) => f.id === p.fieldId)?.name ?? missing}］`;
      case 'link': return `［🔗 ${catalogue?.links.find((l) => l.id === p.linkId)?.name ?? missing}］`;
    }
  });
}
