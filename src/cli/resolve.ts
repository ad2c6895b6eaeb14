// `credence resolve <id> <outcome> --note "…" [--url …] [--as <actor>]`: the local
// administrator resolves (or, with `unresolved`, reopens) a prediction. Recorded in the same
// append-only history as web and API resolutions, with its actor (default `cli:<user>`).

import { userInfo } from 'node:os';
import { loadProject } from '../model/project.ts';
import { formatError } from '../model/errors.ts';
import { loadCatalog } from '../predictions/catalog.ts';
import { defineCommand, usageError, type CommandSpec } from './spec.ts';
import { writeStore } from './store.ts';
import { RESOLUTION_OUTCOMES, type ResolutionOutcome } from '../predictions/requests.ts';
import { predictionState, recordResolution } from '../predictions/store.ts';
import { EXIT } from './io.ts';

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

const command = defineCommand({
  name: 'resolve',
  summary: "record a prediction's resolution as a local administrator",
  usage: [`<id> <${RESOLUTION_OUTCOMES.join('|')}> --note "why" [--url https://…] [--as ACTOR]`],
  description: [
    "Recorded in the same append-only history as the web's and the API's resolutions; 'unresolved'",
    'reopens a prediction. A resolution is evidence for the linked models from then on.',
  ],
  positionals: { min: 2, max: 2, what: 'argument' },
  options: {
    note: { type: 'string', value: 'TEXT', help: 'Why it resolved so (required).' },
    url: { type: 'string', value: 'URL', help: 'A link to the evidence.' },
    as: { type: 'string', value: 'ACTOR', help: 'Who records it (default: cli:<your user name>).' },
  },
  json: 'the recorded resolution event',
  env: ['CREDENCE_MODELS', 'CREDENCE_DB'],
  problems: 'the predictions file has problems, the database cannot be opened, or the resolution was refused',
  examples: ['credence resolve p1 yes --note "the 2026 report says so" --url https://example.org/report'],
  async run(values, [id, outcome], io) {
    if (!isOutcome(outcome!))
      return usageError(spec, io, `unknown outcome '${outcome}': use one of ${RESOLUTION_OUTCOMES.join(', ')}`);
    if (values.note === undefined || values.note.trim() === '')
      return usageError(spec, io, 'a resolution needs --note "…" saying why');
    const actor = values.as ?? cliActor();
    if (actor.trim() === '' || actor.length > 100)
      return usageError(spec, io, '--as must name the actor in 1 to 100 characters');
    const catalog = loadCatalog(loadProject(io.modelsDir));
    if (!catalog.ok) {
      for (const e of catalog.errors) io.err(formatError(e));
      io.err('the predictions file has problems; fix them before resolving');
      return EXIT.problems;
    }
    if (!catalog.value.byId.has(id!)) {
      const ids = [...catalog.value.byId.keys()];
      return usageError(spec, io, `there is no prediction '${id}'; the predictions are ${ids.join(', ') || 'none'}`);
    }
    return writeStore(io, async (db) => {
      const { version } = await predictionState(db, id!);
      const body = { outcome, note: values.note!, evidenceUrl: values.url, version };
      const r = await recordResolution(db, catalog.value, id!, body, { name: actor, via: 'cli' });
      if (!r.ok) {
        io.err(r.error.message);
        return r.error.kind === 'invalid' ? EXIT.usage : EXIT.problems;
      }
      const e = r.value;
      if (values.json) {
        io.out(JSON.stringify(e, null, 2));
        return EXIT.ok;
      }
      const what = e.outcome === 'unresolved' ? 'reopened' : `resolved ${e.outcome}`;
      io.out(`prediction ${id} ${what} (version ${e.version}), recorded by ${e.actor} at ${e.at}`);
      return EXIT.ok;
    });
  },
});

const spec: CommandSpec = command.spec;
export default command;
