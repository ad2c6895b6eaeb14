// A private PostgreSQL server for the tests: Debian's binaries (`postgresql`), a new cluster in
// a temporary folder, listening only on a Unix socket in that folder, run by an unprivileged
// user when the tests run as root (PostgreSQL refuses to run as root). Each test gets a fresh
// database from `freshDatabase()`. When the binaries are absent the suites that need them are
// skipped with a message, except under CI (CI=true), where that is a failure: .ci/run installs
// them.

import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

const NOBODY = 65534;

/** The folder of initdb and pg_ctl, newest version first, or null. */
export function postgresBin(): string | null {
  const base = '/usr/lib/postgresql';
  if (!existsSync(base)) return null;
  const versions = readdirSync(base)
    .filter((v) => existsSync(join(base, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions.length > 0 ? join(base, versions[0]!, 'bin') : null;
}

export const POSTGRES_MISSING =
  postgresBin() === null
    ? 'PostgreSQL is not installed (apt-get install postgresql): the PostgreSQL store tests are skipped'
    : null;

if (POSTGRES_MISSING && process.env.CI) throw new Error(`${POSTGRES_MISSING}, but CI must run them`);
if (POSTGRES_MISSING) console.warn(POSTGRES_MISSING);

export interface TestPostgres {
  /** A URL for a new, empty database. */
  freshDatabase(): Promise<string>;
  stop(): void;
}

function run(cmd: string, args: string[], options: SpawnSyncOptions): void {
  const r = spawnSync(cmd, args, { encoding: 'utf8', ...options });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed: ${String(r.stderr)} ${String(r.stdout)}`);
}

/** Start a private cluster (about a second); stop() removes it. */
export function startPostgres(): TestPostgres {
  const bin = postgresBin();
  if (!bin) throw new Error(POSTGRES_MISSING!);
  const root = mkdtempSync(join(tmpdir(), 'credence-pg-'));
  const data = join(root, 'data');
  const asUser: SpawnSyncOptions = process.getuid?.() === 0 ? { uid: NOBODY, gid: NOBODY } : {};
  if (process.getuid?.() === 0) chownSync(root, NOBODY, NOBODY);
  chmodSync(root, 0o755);
  run(join(bin, 'initdb'), ['-D', data, '-U', 'credence', '--auth=trust', '-E', 'UTF8', '--no-sync'], {
    ...asUser,
    env: { ...process.env, LC_ALL: 'C' },
  });
  // Only a Unix socket in the cluster's own folder: no port to collide with, no network.
  // fsync off: these servers hold test data only; what counts (the commit being acknowledged
  // before the instance reports success) does not depend on it.
  const options = `-c listen_addresses='' -c unix_socket_directories='${root}' -c fsync=off -c max_connections=200`;
  run(join(bin, 'pg_ctl'), ['-D', data, '-o', options, '-l', join(root, 'log'), '-w', 'start'], asUser);
  let n = 0;
  const admin = `postgres://credence@localhost/postgres?host=${encodeURIComponent(root)}`;
  return {
    async freshDatabase() {
      const name = `t${process.pid}_${++n}`;
      const client = new pg.Client({ connectionString: admin });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE ${name}`);
      } finally {
        await client.end();
      }
      return `postgres://credence@localhost/${name}?host=${encodeURIComponent(root)}`;
    },
    stop() {
      spawnSync(join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', 'stop'], { ...asUser, encoding: 'utf8' });
      rmSync(root, { recursive: true, force: true });
    },
  };
}
