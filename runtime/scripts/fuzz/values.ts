import fc from 'fast-check';

/** A JSON Schema as the OpenAPI document prints it (TypeBox output), loosely typed. */
export interface Schema {
  type?: string | string[];
  const?: unknown;
  enum?: unknown[];
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
}

/** Strings no PostgreSQL column can hold and other classics, spliced into otherwise plausible values. */
export const HOSTILE_STRINGS = [
  '\u0000', 'a\u0000b', '\ud800', '\udfff', 'x\ud83d', '', ' ', '\n', '%00', '../../etc/passwd', '<script>alert(1)</script>',
  "'; drop table friends; --", '${7*7}', '{{7*7}}', '__proto__', 'constructor', 'javascript:alert(1)', '//evil.example',
  'http://169.254.169.254/', '𠮷野家🎉', '\u202e', 'ｆｕｌｌ', '9'.repeat(400), 'a'.repeat(70_000),
];

export const HOSTILE_VALUES: unknown[] = [
  ...HOSTILE_STRINGS, null, true, false, 0, -1, -0, 1.5, 2 ** 31, 2 ** 53 + 1, -(2 ** 63), 1e308, [], {}, [null], JSON.parse('{"__proto__":{"polluted":true}}'),
  { constructor: { prototype: { polluted: true } } }, '2026-02-30T25:61:00Z', '1970-01-01T00:00:00Z', '9999-12-31T23:59:59Z',
  '00000000-0000-0000-0000-000000000000', 'ffffffff-ffff-ffff-ffff-ffffffffffff',
];

/** Values that fit the schema (mostly; patterns the generator cannot follow give plain strings). */
export function valueOf(schema: Schema | undefined, ids: string[], depth = 0): fc.Arbitrary<unknown> {
  if (!schema || depth > 6) return fc.jsonValue({ maxDepth: 2 });
  if ('const' in schema) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const options = schema.anyOf ?? schema.oneOf;
  if (options?.length) return fc.oneof(...options.map((option) => valueOf(option, ids, depth + 1)));
  if (schema.allOf?.length) return valueOf(Object.assign({}, ...schema.allOf) as Schema, ids, depth + 1);
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case 'object': {
      const properties = schema.properties ?? {};
      const shape = Object.fromEntries(Object.entries(properties).map(([key, value]) => [key, valueOf(value, ids, depth + 1)]));
      return fc.record(shape, { requiredKeys: (schema.required ?? []).filter((key) => key in properties) });
    }
    case 'array':
      return fc.array(valueOf(schema.items, ids, depth + 1), { minLength: schema.minItems ?? 0, maxLength: Math.max(schema.minItems ?? 0, Math.min(schema.maxItems ?? 4, 4)) });
    case 'string': return stringOf(schema, ids);
    case 'integer': return fc.integer({ min: Math.max(schema.minimum ?? -1_000, -(2 ** 31)), max: Math.min(schema.maximum ?? 1_000, 2 ** 31 - 1) });
    case 'number': return fc.double({ min: schema.minimum ?? -1e6, max: schema.maximum ?? 1e6, noNaN: true });
    case 'boolean': return fc.boolean();
    case 'null': return fc.constant(null);
    default: return fc.jsonValue({ maxDepth: 2 });
  }
}

function stringOf(schema: Schema, ids: string[]): fc.Arbitrary<string> {
  if (schema.format === 'uuid') return ids.length ? fc.oneof(fc.constantFrom(...ids), fc.uuid()) : fc.uuid();
  if (schema.format === 'date-time') return fc.date({ min: new Date('2020-01-01'), max: new Date('2030-01-01'), noInvalidDate: true }).map((date) => date.toISOString());
  if (schema.format === 'date') return fc.date({ min: new Date('2020-01-01'), max: new Date('2030-01-01'), noInvalidDate: true }).map((date) => date.toISOString().slice(0, 10));
  if (schema.format === 'email') return fc.emailAddress();
  if (schema.format === 'uri') return fc.webUrl();
  if (schema.pattern) {
    try {
      return fc.stringMatching(new RegExp(schema.pattern)).filter((text) => text.length <= (schema.maxLength ?? 10_000) && text.length >= (schema.minLength ?? 0));
    } catch {
      // a pattern fast-check cannot generate from: fall through to plain text
    }
  }
  const minLength = schema.minLength ?? 0;
  return fc.string({ minLength, maxLength: Math.max(minLength, Math.min(schema.maxLength ?? 30, 30)), unit: 'grapheme' });
}

/** One change to a value: a hostile value at some path, a key removed or added, a string spliced. */
export interface Mutation { path: number[]; kind: 'replace' | 'delete' | 'add' | 'splice'; hostile: unknown; key: string }

export const mutation: fc.Arbitrary<Mutation> = fc.record({
  path: fc.array(fc.nat(), { maxLength: 4 }),
  kind: fc.constantFrom('replace', 'delete', 'add', 'splice'),
  hostile: fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...HOSTILE_VALUES) }, { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) }),
  key: fc.oneof(fc.constantFrom('__proto__', 'constructor', 'id', 'workspaceId', '\u0000', '\ud800'), fc.string({ maxLength: 8 })),
});

/** Applies the mutation at the container the path leads to (indices taken modulo what is there). */
export function mutate(value: unknown, { path, kind, hostile, key }: Mutation): unknown {
  const wrapper: Record<string | number, unknown> = { root: structuredClone(value) };
  let container: Record<string | number, unknown> = wrapper;
  let slot: string | number = 'root';
  for (const step of path) {
    const here: unknown = container[slot];
    if (here === null || typeof here !== 'object') break;
    const keys: Array<string | number> = Array.isArray(here) ? here.map((_, index) => index) : Object.keys(here);
    if (keys.length === 0) break;
    container = here as Record<string | number, unknown>;
    slot = keys[step % keys.length]!;
  }
  const target = container[slot];
  switch (kind) {
    case 'replace': container[slot] = hostile; break;
    case 'delete':
      if (Array.isArray(container)) container.splice(Number(slot), 1);
      else if (container !== wrapper) delete container[slot];
      break;
    case 'add':
      if (target && typeof target === 'object' && !Array.isArray(target)) {
        Object.defineProperty(target, key, { value: hostile, enumerable: true, configurable: true, writable: true });
      } else container[slot] = hostile;
      break;
    case 'splice': container[slot] = typeof target === 'string' ? `${target.slice(0, 1)}${asText(hostile)}${target.slice(1)}` : hostile; break;
  }
  return wrapper.root;
}

/** Hostile JSON values may be null-prototype objects, which String() cannot convert. */
function asText(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value) ?? String(value);
}
