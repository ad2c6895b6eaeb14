// `credence token create|revoke|list`: API tokens for resolvers and forecasters, managed by
// whoever can reach the database. A new token is printed once; only its hash is kept. Listing
// only reads: it never creates a database.

import { createToken, isRole, listTokens, revokeToken, ROLES, type TokenInfo } from '../predictions/tokens.ts';
import { table } from './format.ts';
import { defineCommand, usageError, type CommandSpec } from './spec.ts';
import { readStore, writeStore } from './store.ts';
import { EXIT, type CliIO } from './io.ts';

async function create(name: string, role: string, json: boolean, io: CliIO): Promise<number> {
  if (!isRole(role)) return usageError(spec, io, `unknown role '${role}': the roles are ${ROLES.join(' and ')}`);
  return writeStore(io, async (db) => {
    const r = await createToken(db, name, role);
    if (!r.ok) {
      io.err(r.message);
      return EXIT.problems;
    }
    if (json) {
      io.out(JSON.stringify({ name, role, token: r.token }, null, 2));
      return EXIT.ok;
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

async function revoke(name: string, json: boolean, io: CliIO): Promise<number> {
  return writeStore(io, async (db) => {
    if (!(await revokeToken(db, name))) {
      io.err(`${name} has no active token`);
      return EXIT.problems;
    }
    if (json) io.out(JSON.stringify({ name, revoked: true }, null, 2));
    else io.out(`Revoked the token of ${name}; their web sessions are signed out.`);
    return EXIT.ok;
  });
}

const OLD_FORM_NOTE =
  "* made before token ids (credence_…): it still works, but failed sign-ins with it are limited only per address, so other people's wrong guesses from that address can keep it out; re-issue it (credence token revoke <name>, then credence token create <name> --role <role>) to give it its own limit";

const statusOf = (t: TokenInfo) => (t.revokedAt ? `revoked ${t.revokedAt}` : t.oldForm ? 'active *' : 'active');

async function list(json: boolean, io: CliIO): Promise<number> {
  return readStore(io, async (db) => {
    const tokens = db ? await listTokens(db) : [];
    if (json) {
      io.out(JSON.stringify(tokens, null, 2));
      return EXIT.ok;
    }
    if (tokens.length === 0) {
      io.out(
        `No tokens${db ? '' : ` (no database at ${io.dbPath})`}; create one with: credence token create <name> [--role resolver|forecaster]`,
      );
      return EXIT.ok;
    }
    const rows = [
      ['name', 'role', 'created', 'status'],
      ...tokens.map((t) => [t.name, t.role, t.createdAt, statusOf(t)]),
    ];
    table(rows).forEach((l) => io.out(l));
    if (tokens.some((t) => t.oldForm && !t.revokedAt)) io.out(OLD_FORM_NOTE);
    return EXIT.ok;
  });
}

const command = defineCommand({
  name: 'token',
  summary: 'create, list or revoke API tokens for resolvers and forecasters',
  usage: ['create <name> [--role resolver|forecaster]', 'revoke <name>', 'list'],
  description: [
    'A token is printed once, when it is created; only its hash is stored. Resolvers may record',
    "resolutions, forecasters their forecasts. Revoking signs the holder's web sessions out.",
  ],
  positionals: { min: 1, max: 2, what: 'argument' },
  options: {
    role: { type: 'string', value: ROLES.join('|'), help: 'The role of a new token (default: forecaster).' },
  },
  json: 'the new token as {name, role, token}, the list as [{name, role, createdAt, revokedAt, oldForm}], a revocation as {name, revoked}',
  env: ['CREDENCE_DB'],
  problems: 'the database cannot be opened, has no such token, or the name already has one',
  examples: ['credence token create alice --role resolver', 'credence token list --json'],
  async run(values, [sub, name, ...rest], io) {
    const json = values.json === true;
    switch (sub) {
      case 'create':
        if (name === undefined) return usageError(spec, io, 'token create needs a name');
        return create(name, values.role ?? 'forecaster', json, io);
      case 'revoke':
        if (values.role !== undefined) return usageError(spec, io, 'token revoke takes no --role');
        if (name === undefined) return usageError(spec, io, 'token revoke needs a name');
        return revoke(name, json, io);
      case 'list':
        if (values.role !== undefined || name !== undefined || rest.length > 0)
          return usageError(spec, io, 'token list takes no arguments');
        return list(json, io);
      default:
        return usageError(spec, io, `unknown subcommand 'token ${sub}': use create, revoke or list`);
    }
  },
});

const spec: CommandSpec = command.spec;
export default command;
