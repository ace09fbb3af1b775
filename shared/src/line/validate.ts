import type { Static, TSchema } from 'typebox';
import { Compile } from 'typebox/compile';
import type { TLocalizedValidationError } from 'typebox/error';
import { Value } from 'typebox/value';

/**
 * Validation with LINE-shaped errors: each problem becomes `{ message, property }` with LINE's
 * property notation (`messages[0].template.actions[1].label`) and LINE's wording where LINE has one.
 */

/** One problem as LINE reports it in a 400 body's `details`. */
export interface LineErrorDetail {
  message?: string;
  property?: string;
}

/** LINE's 400 body for a request whose body broke the rules. */
export interface LineValidationErrorBody {
  message: string;
  details: LineErrorDetail[];
}

export type LineValidation<T> = { ok: true; value: T } | { ok: false; details: LineErrorDetail[] };

export type LineValidator<T> = (value: unknown) => LineValidation<T>;

export function createLineValidator<Schema extends TSchema>(schema: Schema): LineValidator<Static<Schema>> {
  const compiled = Compile(schema);
  return (value) => {
    if (compiled.Check(value)) return { ok: true, value: value as Static<Schema> };
    return { ok: false, details: dedupe(explain(schema, value)) };
  };
}

/** LINE's 400 body for a request whose body broke the rules. */
export function lineValidationErrorBody(details: LineErrorDetail[]): LineValidationErrorBody {
  return { message: `The request body has ${details.length} error(s)`, details };
}

type SchemaNode = Record<string, unknown>;

/**
 * Explains why a value fails, walking the schema alongside the value. TypeBox's own error list is
 * capped and reports every branch of a union; walking lets a union of objects discriminated by `type`
 * report only the variant the value names, so a bad button label reads as such rather than as
 * "matches none of 8 action kinds".
 */
export function explain(schema: TSchema, value: unknown, path: string[] = []): LineErrorDetail[] {
  const node = schema as unknown as SchemaNode;
  if (Value.Check(schema, value)) return [];
  if (Array.isArray(node.anyOf)) return explainUnion(node.anyOf as TSchema[], value, path);
  if (node.type === 'object' && isPlainObject(value)) {
    const details = explainProperties(node, value, path);
    if (details.length > 0) return details;
  }
  if (node.type === 'array' && Array.isArray(value)) {
    const details = explainItems(node, value, path);
    if (details.length > 0) return details;
  }
  return Value.Errors(schema, value).flatMap((error) => describeOne(error, node, path));
}

function explainUnion(branches: TSchema[], value: unknown, path: string[]): LineErrorDetail[] {
  const nodes = branches as unknown as SchemaNode[];
  const constants = nodes.map((branch) => branch.const);
  if (constants.every((constant) => constant !== undefined)) return [{ property: toProperty(path), message: oneOf(constants) }];
  const kinds = nodes.map((branch) => ((branch.properties as SchemaNode | undefined)?.type as SchemaNode | undefined)?.const);
  if (kinds.some((kind) => kind === undefined)) return [{ property: toProperty(path), message: 'Invalid value' }];
  if (!isPlainObject(value)) return [{ property: toProperty(path), message: 'Must be an object' }];
  const branch = branches[kinds.indexOf(value.type)];
  if (!branch) return [{ property: toProperty([...path, 'type']), message: oneOf(kinds) }];
  return explain(branch, value, path);
}

function explainProperties(node: SchemaNode, value: Record<string, unknown>, path: string[]): LineErrorDetail[] {
  const required = (node.required as string[] | undefined) ?? [];
  const details: LineErrorDetail[] = required
    .filter((name) => value[name] === undefined)
    .map((name) => ({ property: toProperty([...path, name]), message: 'May not be empty' }));
  const properties = (node.properties as Record<string, TSchema> | undefined) ?? {};
  const [pattern, patternSchema] = Object.entries((node.patternProperties as Record<string, TSchema> | undefined) ?? {})[0] ?? [];
  for (const [name, child] of Object.entries(value)) {
    const declared = properties[name];
    if (declared) details.push(...explain(declared, child, [...path, name]));
    else if (pattern === undefined || patternSchema === undefined) continue;
    else if (!new RegExp(pattern).test(name)) details.push({ property: toProperty([...path, name]), message: 'Invalid key' });
    else details.push(...explain(patternSchema, child, [...path, name]));
  }
  return details;
}

function explainItems(node: SchemaNode, value: unknown[], path: string[]): LineErrorDetail[] {
  const { minItems, maxItems } = node;
  if ((typeof minItems === 'number' && value.length < minItems) || (typeof maxItems === 'number' && value.length > maxItems)) {
    return [{ property: toProperty(path), message: sizeMessage(Number(minItems ?? 0), maxItems) }];
  }
  const items = node.items as TSchema | undefined;
  return items ? value.flatMap((item, index) => explain(items, item, [...path, String(index)])) : [];
}

/** A leaf error; the schema at the error's own location supplies limits and any custom message. */
function describeOne(error: TLocalizedValidationError, root: SchemaNode, path: string[]): LineErrorDetail[] {
  const here = [...path, ...pointerSegments(error.instancePath)];
  const property = (suffix: string[] = []) => toProperty([...here, ...suffix]);
  const schema = resolvePointer(root, error.schemaPath);
  const custom = typeof schema?.lineMessage === 'string' ? schema.lineMessage : undefined;
  switch (error.keyword) {
    case 'required':
      return error.params.requiredProperties.map((name) => ({ property: property([name]), message: 'May not be empty' }));
    case 'minLength':
    case 'maxLength': {
      const min = Number(schema?.minLength ?? 0);
      if (error.keyword === 'minLength' && min === 1) return [{ property: property(), message: 'May not be empty' }];
      return [{ property: property(), message: custom ?? lengthMessage(min, schema?.maxLength) }];
    }
    case 'minItems':
    case 'maxItems':
      return [{ property: property(), message: sizeMessage(Number(schema?.minItems ?? 0), schema?.maxItems) }];
    case 'const':
      return [{ property: property(), message: oneOf([error.params.allowedValue]) }];
    case 'enum':
      return [{ property: property(), message: oneOf(error.params.allowedValues) }];
    case 'minimum':
    case 'maximum':
      return [{ property: property(), message: rangeMessage(schema?.minimum, schema?.maximum) }];
    case 'type':
      return [{ property: property(), message: `Must be ${article(String(error.params.type))}` }];
    case '~refine':
      return [{ property: property(), message: error.params.message }];
    case 'pattern':
    case 'format':
      return [{ property: property(), message: custom ?? 'Invalid format' }];
    case 'maxProperties':
      return [{ property: property(), message: `May have at most ${String(schema?.maxProperties)} entries` }];
    default:
      return [{ property: property(), message: custom ?? error.message }];
  }
}

const oneOf = (values: unknown[]) => `Must be one of the following values: [${values.map(String).join(', ')}]`;
const lengthMessage = (min: number, max: unknown) =>
  max === undefined ? `Length must be at least ${min}` : `Length must be between ${min} and ${String(max)}`;
const sizeMessage = (min: number, max: unknown) =>
  max === undefined ? `Size must be at least ${min}` : `Size must be between ${min} and ${String(max)}`;
const article = (type: string) => (/^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`);

function rangeMessage(min: unknown, max: unknown) {
  if (min !== undefined && max !== undefined) return `Must be between ${String(min)} and ${String(max)}`;
  return min !== undefined ? `Must be at least ${String(min)}` : `Must be at most ${String(max)}`;
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** `['messages', '0', 'text']` → `messages[0].text`, LINE's notation for a property. */
export function toProperty(segments: string[]): string {
  return segments.reduce(
    (path, segment) => (/^\d+$/.test(segment) ? `${path}[${segment}]` : path === '' ? segment : `${path}.${segment}`),
    '',
  );
}

function pointerSegments(pointer: string): string[] {
  return pointer
    .replace(/^#/, '')
    .split('/')
    .filter((segment) => segment !== '')
    .map((segment) => segment.replaceAll('~1', '/').replaceAll('~0', '~'));
}

function resolvePointer(root: unknown, pointer: string): SchemaNode | undefined {
  let node: unknown = root;
  for (const segment of pointerSegments(pointer)) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as SchemaNode)[segment];
  }
  return typeof node === 'object' && node !== null ? (node as SchemaNode) : undefined;
}

function dedupe(details: LineErrorDetail[]): LineErrorDetail[] {
  const seen = new Set<string>();
  return details.filter((detail) => {
    const key = `${detail.property ?? ''}\u0000${detail.message ?? ''}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
