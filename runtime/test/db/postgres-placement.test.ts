import { describe, expect, it } from 'vitest';
import { placePostgres, relocatedClusterDir } from '../../src/db/postgres-placement.ts';

// Where the embedded PostgreSQL's cluster and binaries go, given what the postgres user can enter.

const base = {
  clusterDir: '/root/project/.data/postgres',
  nativeDir: '/root/project/node_modules/.pnpm/x/native',
  version: '18.4.0-beta.17-linux-x64',
  stateDir: '/var/lib/lsb-postgres',
};

describe('placePostgres', () => {
  it('leaves everything in place when not root (PostgreSQL runs as us)', () => {
    expect(placePostgres({ ...base, asRoot: false, postgresCanEnter: () => false })).toEqual({ clusterDir: base.clusterDir, nativeDir: base.nativeDir });
  });

  it('leaves everything in place as root when the postgres user can enter the project', () => {
    expect(placePostgres({ ...base, asRoot: true, postgresCanEnter: () => true })).toEqual({ clusterDir: base.clusterDir, nativeDir: base.nativeDir });
  });

  it('moves the cluster and copies the binaries when the project is in a mode-700 folder', () => {
    const placement = placePostgres({ ...base, asRoot: true, postgresCanEnter: (dir) => !dir.startsWith('/root') });
    expect(placement).toEqual({
      clusterDir: relocatedClusterDir(base.clusterDir, base.stateDir),
      movedBecause: '/root/project/.data',
      nativeDir: '/var/lib/lsb-postgres/pg-18.4.0-beta.17-linux-x64',
      copyBinariesFrom: base.nativeDir,
    });
    expect(placement.clusterDir).toMatch(/^\/var\/lib\/lsb-postgres\/[0-9a-f]{16}$/);
  });

  it('moves only what is out of reach: DATA_DIR in a private folder, binaries reachable', () => {
    const placement = placePostgres({ ...base, asRoot: true, clusterDir: '/tmp/tmp.abc/data/postgres', nativeDir: '/work/p/native', postgresCanEnter: (dir) => !dir.startsWith('/tmp/tmp.abc') });
    expect(placement.nativeDir).toBe('/work/p/native');
    expect(placement.copyBinariesFrom).toBeUndefined();
    expect(placement.movedBecause).toBe('/tmp/tmp.abc/data');
  });

  it('gives each data folder its own cluster, and the same one on every start', () => {
    expect(relocatedClusterDir('/root/a/.data/postgres')).toBe(relocatedClusterDir('/root/a/.data/postgres'));
    expect(relocatedClusterDir('/root/a/.data/postgres')).not.toBe(relocatedClusterDir('/root/b/.data/postgres'));
    expect(relocatedClusterDir('/root/a/.data/postgres')).toBe(relocatedClusterDir('/root/a/.data/../.data/postgres'));
  });
});
