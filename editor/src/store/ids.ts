/** Short random ids: unique enough within a graph and readable in the JSON a marketer may paste. */
export function newId(prefix: string): string {
  const random = globalThis.crypto.randomUUID().replaceAll('-', '').slice(0, 10);
  return `${prefix}-${random}`;
}
