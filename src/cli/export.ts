// `credence export <model> --to squiggle [--scenario NAME] [--out FILE]`: a model as code for
// another tool. Squiggle code goes to standard output (or FILE); what Squiggle cannot express
// is refused at its place in the model file (exit 1).
// `credence export --predictions --to csv [--out FILE]`: the track record as CSV in Fatebook's
// export layout (src/predictions/csv.ts); the database is only read, never created.

import { existsSync, writeFileSync } from 'node:fs';
import { loadProject } from '../model/project.ts';
import { loadCatalog } from '../predictions/catalog.ts';
import { isPostgresUrl, openStore } from '../predictions/db.ts';
import { predictionStates, type PredictionRecord } from '../predictions/store.ts';
import { stateFrom } from '../predictions/history.ts';
import { trackRecordCsv } from '../predictions/csv.ts';
import { exportSquiggle } from '../model/interop/squiggle-export.ts';
import { formatError } from '../model/errors.ts';
import { parseCommandLine } from './args.ts';
import { projectFor } from './project.ts';
import { EXIT, type CliIO } from './io.ts';

const USAGE =
  'usage: credence export <model> --to squiggle [--scenario NAME] [--out FILE] | export --predictions --to csv [--out FILE]';
const FORMATS = ['squiggle'];

async function exportPredictions(io: CliIO, out: string | undefined): Promise<number> {
  const catalog = loadCatalog(loadProject(io.modelsDir));
  if (!catalog.ok) {
    for (const e of catalog.errors) io.err(formatError(e));
    return EXIT.problems;
  }
  const ids = catalog.value.predictions.map((p) => p.id);
  let states = ids.map((id) => stateFrom(id, [], []));
  if (isPostgresUrl(io.dbPath) || existsSync(io.dbPath)) {
    const opened = await openStore(io.dbPath, { readonly: true });
    if (!opened.ok) {
      io.err(opened.error.message);
      return EXIT.problems;
    }
    try {
      states = await predictionStates(opened.store, ids);
    } finally {
      await opened.store.close();
    }
  }
  const records: PredictionRecord[] = catalog.value.predictions.map((prediction, i) => ({
    prediction,
    state: states[i]!,
  }));
  const csv = trackRecordCsv(records);
  if (out) writeFileSync(out, csv);
  else io.out(csv.trimEnd());
  return EXIT.ok;
}

export default async function exportCommand(args: string[], io: CliIO): Promise<number> {
  const parsed = parseCommandLine(
    args,
    {
      to: { type: 'string' },
      scenario: { type: 'string' },
      out: { type: 'string' },
      predictions: { type: 'boolean' },
    },
    USAGE,
    io,
  );
  if (typeof parsed === 'number') return parsed;
  const { values, positionals } = parsed;
  if (values.predictions) {
    if (positionals.length > 0 || values.scenario !== undefined || values.to !== 'csv') {
      io.err(`--predictions takes --to csv and no model; ${USAGE}`);
      return EXIT.usage;
    }
    return exportPredictions(io, values.out);
  }
  if (positionals.length !== 1) {
    io.err(`export takes one model (got ${positionals.length}); ${USAGE}`);
    return EXIT.usage;
  }
  if (!values.to || !FORMATS.includes(values.to)) {
    io.err(`--to must be one of ${FORMATS.join(', ')}${values.to ? `, not '${values.to}'` : ''}; ${USAGE}`);
    return EXIT.usage;
  }
  const found = projectFor(positionals[0]!, io);
  if (typeof found === 'number') return found;
  const model = found.project.models.get(found.id)!;
  if (values.scenario !== undefined && !(values.scenario in model.scenarios)) {
    io.err(
      `the model '${found.id}' has no scenario '${values.scenario}'; its scenarios: ${Object.keys(model.scenarios).join(', ') || 'none'}`,
    );
    return EXIT.usage;
  }
  const r = exportSquiggle(found.project, found.id, values.scenario ?? null);
  if (!r.ok) {
    for (const e of r.errors) io.err(formatError(e));
    return EXIT.problems;
  }
  if (values.out) writeFileSync(values.out, r.value.code);
  else io.out(r.value.code.trimEnd());
  return EXIT.ok;
}
