import { BUNDLE_FORMAT, BUNDLE_MAX_BYTES, CURRENT_BUNDLE_VERSION, templateThumbnail } from '@lsb/shared';

/** What the import dialog shows before anything is written; the runtime checks the whole file again. */
export interface BundlePreview {
  bundleVersion: number;
  name: string;
  description: string;
  category: string | undefined;
  version: number | undefined;
  nodeCount: number;
  references: { tags: number; fields: number; inflowRoutes: number; links: number; scenarios: number };
  thumbnail: string;
}

export type BundleInspection = { ok: true; preview: BundlePreview } | { ok: false; code: string; params: Record<string, string | number> };

type Loose = Record<string, unknown>;
const isObject = (v: unknown): v is Loose => typeof v === 'object' && v !== null && !Array.isArray(v);
const count = (v: unknown) => (Array.isArray(v) ? v.length : 0);

/**
 * A first look at a chosen file, in the browser: too large, not JSON, not a bundle, a version this
 * installation does not know (or a future one) are told at once, with the runtime's codes; a file
 * that passes is summarised (older versions are migrated by the runtime on import).
 */
export function inspectBundle(text: string, bytes: number): BundleInspection {
  if (bytes > BUNDLE_MAX_BYTES) return { ok: false, code: 'bundle_too_large', params: { size: mb(bytes), limit: mb(BUNDLE_MAX_BYTES) } };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, code: 'bundle_not_json', params: {} };
  }
  if (!isObject(json) || json.format !== BUNDLE_FORMAT) return { ok: false, code: 'bundle_not_a_bundle', params: {} };
  const version = json.bundleVersion;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) return { ok: false, code: 'bundle_unknown_version', params: { version: String(version) } };
  if (version > CURRENT_BUNDLE_VERSION) return { ok: false, code: 'bundle_future_version', params: { version, supported: CURRENT_BUNDLE_VERSION } };
  const meta = version >= 2 && isObject(json.template) ? json.template : json;
  const refs = isObject(json.references) ? json.references : isObject(json.catalogue) ? json.catalogue : {};
  const graph = isObject(json.graph) ? json.graph : {};
  const nodes = Array.isArray(graph.nodes) ? graph.nodes.filter(isObject) : [];
  const edges = Array.isArray(graph.edges) ? graph.edges.filter(isObject) : [];
  const drawable = {
    nodes: nodes.filter((n) => isObject(n.position)).map((n) => ({
      id: String(n.id), type: String(n.type), position: { x: Number((n.position as Loose).x), y: Number((n.position as Loose).y) },
    })),
    edges: edges.map((e) => ({ source: String(e.source), target: String(e.target) })),
  };
  return {
    ok: true,
    preview: {
      bundleVersion: version,
      name: typeof meta.name === 'string' ? meta.name : '',
      description: typeof meta.description === 'string' ? meta.description : '',
      category: typeof meta.category === 'string' ? meta.category : undefined,
      version: typeof meta.version === 'number' ? meta.version : undefined,
      nodeCount: nodes.length,
      references: { tags: count(refs.tags), fields: count(refs.fields), inflowRoutes: count(refs.inflowRoutes), links: count(refs.links), scenarios: count(refs.scenarios) },
      thumbnail: templateThumbnail(drawable),
    },
  };
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
