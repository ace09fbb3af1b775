// LINE's reference data lives beside the repository in ../shared/line (read in place, never
// copied). Tests that need it skip with this reason when the folder is absent.
export const LINE_FIXTURES_MISSING = 'skipped: ../shared/line/fixtures is not present next to the repository';

const base = new URL('../../../shared/line/fixtures/', import.meta.url);

/** The parsed JSON of a fixture, or undefined when the LINE reference folder is absent. */
export async function lineFixture(path: string): Promise<unknown> {
  try {
    const module: { default: unknown } = await import(/* @vite-ignore */ new URL(path, base).href, { with: { type: 'json' } });
    return module.default;
  } catch {
    return undefined;
  }
}
