// `credence resolve <id> <outcome> --note "…" [--url …] [--as <actor>]`: the local
// administrator resolves (or, with `unresolved`, reopens) a prediction. Recorded in the same
// append-only history as web and API resolutions, with its actor (default `cli:<user>`).

import { userInfo } from 'node:os';
import { parseArgs } from 'node:util';
import { loadProject } from '../model/project.ts';
import { formatError } from '../model/errors.ts';
import { loadCatalog } from '../predictions/catalog.ts';
import { openStore } from '../predictions/db.ts';
import { RESOLUTION_OUTCOMES, type ResolutionOutcome } from '../predictions/requests.ts';
import { predictionState, recordResolution } from '../predictions/store.ts';
import { EXIT, type CliIO } from './io.ts';

export const USAGE = `usage: credence resolve <id> <${RESOLUTION_OUTCOMES.join('|')}> --note "why" [--url https://…] [--as <actor>]`;

function usage(io: CliIO, problem: string): number {
  io.err(`${problem} (${USAGE})`);
  return EXIT.usage;
}

/** The default actor: `cli:` and the operating-system user name. */
export function cliActor(): string {
  let user: string | undefined;
  try {
    user = userInfo().username;
  } catch {
    user = process.env.USER ?? process.env.USERNAME;
  }
  return `cli:${user && user.trim() !== '' ? user : 'unknown'}`;
}

const isOutcome = (s: string): s is ResolutionOutcome => (RESOLUTION_OUTCOMES as readonly string[]).includes(s);

export default async function resolveCommand(args: string[], io: CliIO): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      strict: true,
      options: {
        note: { type: 'string' },
        url: { type: 'string' },
        as: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (e) {
    return usage(io, (e as Error).message.split('\n')[0]!.replace(/\.$/, ''));
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.out(USAGE);
    return EXIT.ok;
  }
  if (positionals.length !== 2)
    return usage(
      io,
      `resolve takes a prediction id and an outcome (got ${positionals.length} argument${positionals.length === 1 ? '' : 's'})`,
    );
  const [id, outcome] = positionals as [string, string];
  if (!isOutcome(outcome))
    return usage(io, `unknown outcome '${outcome}': use one of ${RESOLUTION_OUTCOMES.join(', ')}`);
  if (values.note === undefined || values.note.trim() === '')
    return usage(io, 'a resolution needs --note "…" saying why');
  const actor = values.as ?? cliActor();
  if (actor.trim() === '' || actor.length > 100) return usage(io, '--as must name the actor in 1 to 100 characters');

  const project = loadProject(io.modelsDir);
  const catalog = loadCatalog(project);
  if (!catalog.ok) {
    for (const e of catalog.errors) io.err(formatError(e));
    io.err('the predictions file has problems; fix them before resolving');
    return EXIT.problems;
  }
  if (!catalog.value.byId.has(id)) {
    const ids = [...catalog.value.byId.keys()];
    return usage(io, `there is no prediction '${id}'; the predictions are ${ids.join(', ') || 'none'}`);
  }

  const opened = await openStore(io.dbPath);
  if (!opened.ok) {
    io.err(opened.error.message);
    return EXIT.problems;
  }
  const db = opened.store;
  try {
    const { version } = await predictionState(db, id);
    const body = { outcome, note: values.note, evidenceUrl: values.url, version };
    const r = await recordResolution(db, catalog.value, id, body, { name: actor, via: 'cli' });
    if (!r.ok) {
      io.err(r.error.message);
      return r.error.kind === 'invalid' ? EXIT.usage : EXIT.problems;
    }
    const e = r.value;
    const what = e.outcome === 'unresolved' ? 'reopened' : `resolved ${e.outcome}`;
    io.out(`prediction ${id} ${what} (version ${e.version}), recorded by ${e.actor} at ${e.at}`);
    return EXIT.ok;
  } catch (e) {
    io.err(e instanceof Error ? e.message : String(e));
    return EXIT.problems;
  } finally {
    await db.close();
  }
}
