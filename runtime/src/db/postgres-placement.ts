import { createHash } from 'node:crypto';
import path from 'node:path';

/**
 * Where the embedded PostgreSQL's cluster and binaries live. PostgreSQL refuses to run as root, so
 * as root it runs as the `postgres` user, which must be able to reach both. A project in a folder
 * other users cannot enter (root's home, a `mktemp -d` folder: mode 700) is out of its reach, so:
 * - the cluster moves to `<stateDir>/<hash of the cluster path>` (one per project data folder,
 *   kept across restarts, owned by `postgres`), and
 * - the binaries are copied once per version to `<stateDir>/pg-<version>`.
 * Pure: the caller says what the postgres user can reach.
 */
export interface PlacementInput {
  /** Whether we run as root, i.e. PostgreSQL runs as the `postgres` user. */
  asRoot: boolean;
  /** `<DATA_DIR>/postgres`, absolute. */
  clusterDir: string;
  /** The binaries package's `native/` folder (bin, lib, share). */
  nativeDir: string;
  /** e.g. `18.4.0-beta.17-linux-x64`: names the copy so versions never mix. */
  version: string;
  /** Can the postgres user enter this folder (every folder on the way and the folder itself)? */
  postgresCanEnter: (dir: string) => boolean;
  /** `/var/lib/lsb-postgres` unless told otherwise. */
  stateDir?: string;
}

export interface Placement {
  clusterDir: string;
  nativeDir: string;
  /** Set when the binaries must first be copied from the package to `nativeDir`. */
  copyBinariesFrom?: string;
  /** Set when the cluster lives outside DATA_DIR: the folder the postgres user cannot enter. */
  movedBecause?: string;
}

export const DEFAULT_STATE_DIR = '/var/lib/lsb-postgres';

export function placePostgres(input: PlacementInput): Placement {
  const { asRoot, clusterDir, nativeDir, version, postgresCanEnter } = input;
  if (!asRoot) return { clusterDir, nativeDir };
  const stateDir = input.stateDir ?? DEFAULT_STATE_DIR;
  const placement: Placement = { clusterDir, nativeDir };
  const dataParent = path.dirname(clusterDir);
  if (!postgresCanEnter(dataParent)) {
    placement.clusterDir = relocatedClusterDir(clusterDir, stateDir);
    placement.movedBecause = dataParent;
  }
  if (!postgresCanEnter(path.join(nativeDir, 'bin'))) {
    placement.nativeDir = path.join(stateDir, `pg-${version}`);
    placement.copyBinariesFrom = nativeDir;
  }
  return placement;
}

/** One cluster per project data folder: the same DATA_DIR always finds its data again. */
export function relocatedClusterDir(clusterDir: string, stateDir = DEFAULT_STATE_DIR): string {
  const hash = createHash('sha256').update(path.resolve(clusterDir)).digest('hex').slice(0, 16);
  return path.join(stateDir, hash);
}
