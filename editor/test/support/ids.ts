/**
 * A readable test id as the UUID the API schemas require: `id('tag-bought')` is always the same
 * lowercase v4-shaped UUID, so tests name things and still speak the runtime's shapes.
 */
export function id(name: string): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  for (const char of name) {
    h1 = Math.imul(h1 ^ char.charCodeAt(0), 16777619) >>> 0;
    h2 = Math.imul(h2 + char.charCodeAt(0), 2246822519) >>> 0;
  }
  const hex = (h1.toString(16).padStart(8, '0') + h2.toString(16).padStart(8, '0')).repeat(2);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** The workspace every editor test starts in. */
export const WS1 = id('ws1');
