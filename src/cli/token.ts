// `credence token create|revoke|list`: API tokens for resolvers and forecasters, managed by
// whoever can reach the database file. A new token is printed once; only its hash is kept.

import { parseArgs } from 'node:util';
import { DatabaseError, openStore, type Store } from '../predictions/db.ts';
import { createToken, isRole, listTokens, revokeToken, ROLES } from '../predictions/tokens.ts';
import { table } from './format.ts';
import { EXIT, type CliIO } from './io.ts';

export const USAGE = [
  'usage: credence token create <name> [--role resolver|forecaster]   (default role: forecaster)',
  '       credence token revoke <name>',
  '       credence token list',
];

function usage(io: CliIO, problem: string): number {
  io.err(
    `${problem} (usage: credence token create <name> [--role resolver|forecaster] | token revoke <name> | token list)`,
  );
  return EXIT.usage;
}

async function withDb(io: CliIO, fn: (store: Store) => Promise<number>): Promise<number> {
  const opened = await openStore(io.dbPath);
  if (!opened.ok) {
    io.err(opened.error.message);
    return EXIT.problems;
  }
  try {
    return await fn(opened.store);
  } catch (e) {
    if (!(e instanceof DatabaseError)) throw e;
    io.err(e.message);
    return EXIT.problems;
  } finally {
    await opened.store.close();
  }
}

export default async function token(args: string[], io: CliIO): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      strict: true,
      options: { role: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    });
  } catch (e) {
    return usage(io, (e as Error).message.split('\n')[0]!.replace(/\.$/, ''));
  }
  const { values, positionals } = parsed;
  if (values.help) {
    USAGE.forEach((l) => io.out(l));
    return EXIT.ok;
  }
  const [sub, ...rest] = positionals;
  switch (sub) {
    case 'create': {
      if (rest.length !== 1) return usage(io, 'token create takes exactly one name');
      const role = values.role ?? 'forecaster';
      if (!isRole(role)) return usage(io, `unknown role '${role}': the roles are ${ROLES.join(' and ')}`);
      const name = rest[0]!;
      return withDb(io, async (db) => {
        const r = await createToken(db, name, role);
        if (!r.ok) {
          io.err(r.message);
          return EXIT.problems;
        }
        io.out(`Created a ${role} token for ${name}:`);
        io.out('');
        io.out(`  ${r.token}`);
        io.out('');
        io.out(
          'Copy it now: it is not shown again (only its hash is stored). Send it as "Authorization: Bearer <token>", or sign in with it on the web.',
        );
        return EXIT.ok;
      });
    }
    case 'revoke': {
      if (values.role !== undefined) return usage(io, 'token revoke takes no --role');
      if (rest.length !== 1) return usage(io, 'token revoke takes exactly one name');
      const name = rest[0]!;
      return withDb(io, async (db) => {
        if (!(await revokeToken(db, name))) {
          io.err(`${name} has no active token`);
          return EXIT.problems;
        }
        io.out(`Revoked the token of ${name}; their web sessions are signed out.`);
        return EXIT.ok;
      });
    }
    case 'list': {
      if (values.role !== undefined || rest.length > 0) return usage(io, 'token list takes no arguments');
      return withDb(io, async (db) => {
        const tokens = await listTokens(db);
        if (tokens.length === 0) {
          io.out('No tokens yet; create one with: credence token create <name> [--role resolver|forecaster]');
          return EXIT.ok;
        }
        const rows = [
          ['name', 'role', 'created', 'status'],
          ...tokens.map((t) => [t.name, t.role, t.createdAt, t.revokedAt ? `revoked ${t.revokedAt}` : 'active']),
        ];
        table(rows).forEach((l) => io.out(l));
        return EXIT.ok;
      });
    }
    case undefined:
      return usage(io, 'token needs a subcommand: create, revoke or list');
    default:
      return usage(io, `unknown subcommand 'token ${sub}'`);
  }
}
