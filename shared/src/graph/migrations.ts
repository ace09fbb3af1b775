// Forward migrations of stored graphs: MIGRATIONS[v] turns a version-v document into version v+1.
// They run on untrusted JSON before the shape check, so each must accept any value without
// throwing and leave what it does not understand for the shape check to report.

type Migration = (doc: Record<string, unknown>) => Record<string, unknown>;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Version 0 is a graph saved before versioning: a bare React Flow export, whose edges may leave
 * through a null or missing `sourceHandle` when the node had a single unnamed handle. Version 1
 * names every handle; every single-output kind calls its output `next`.
 */
const fromV0: Migration = (doc) => {
  const edges = Array.isArray(doc.edges)
    ? doc.edges.map((edge: unknown) =>
        isRecord(edge) && (edge.sourceHandle === null || edge.sourceHandle === undefined)
          ? { ...edge, sourceHandle: 'next' }
          : edge,
      )
    : doc.edges;
  return { ...doc, schemaVersion: 1, edges };
};

export const MIGRATIONS: Readonly<Record<number, Migration>> = { 0: fromV0 };

export { isRecord };
