// `credence export <model> --to squiggle`: a model as Squiggle code (what Squiggle cannot
// express is refused at its place in the model file, exit 1).
// `credence export --predictions --to fatebook|metaculus|manifold`: the track record in another tool's
// layout (src/predictions/formats); the database is only read, never created.

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadProject } from '../model/project.ts';
import { loadCatalog } from '../predictions/catalog.ts';
import { predictionStates } from '../predictions/store.ts';
import { stateFrom } from '../predictions/history.ts';
import { questionsOf, type ExternalQuestion } from '../predictions/formats/questions.ts';
import { writeFatebook } from '../predictions/formats/fatebook.ts';
import { METACULUS_FILES, writeMetaculus } from '../predictions/formats/metaculus.ts';
import { MANIFOLD_FILES, writeManifold } from '../predictions/formats/manifold.ts';
import { exportSquiggle } from '../model/interop/squiggle-export.ts';
import { formatError } from '../model/errors.ts';
import { defineCommand, usageError, type CommandSpec } from './spec.ts';
import { projectFor } from './project.ts';
import { readStore } from './store.ts';
import { EXIT, type CliIO } from './io.ts';

const MODEL_FORMATS = ['squiggle'];
/** 'csv' is the first layout's name, kept: Fatebook's. */
const RECORD_FORMATS = ['fatebook', 'metaculus', 'manifold', 'csv'];

/** The files of a layout written into the --out folder: [name, text] each. */
function folderFiles(to: 'metaculus' | 'manifold', questions: ExternalQuestion[]): [string, string][] {
  if (to === 'metaculus') {
    const f = writeMetaculus(questions);
    return [
      [METACULUS_FILES.questions, f.questions],
      [METACULUS_FILES.forecasts, f.forecasts],
    ];
  }
  const f = writeManifold(questions);
  return [
    [MANIFOLD_FILES.markets, f.markets],
    [MANIFOLD_FILES.bets, f.bets],
  ];
}

async function exportPredictions(io: CliIO, to: string, out: string | undefined): Promise<number> {
  const catalog = loadCatalog(loadProject(io.modelsDir));
  if (!catalog.ok) {
    for (const e of catalog.errors) io.err(formatError(e));
    return EXIT.problems;
  }
  const ids = catalog.value.predictions.map((p) => p.id);
  const states = await readStore(io, async (store) =>
    store ? predictionStates(store, ids) : ids.map((id) => stateFrom(id, [], [])),
  );
  if (typeof states === 'number') return states;
  const questions = questionsOf(catalog.value.predictions.map((prediction, i) => ({ prediction, state: states[i]! })));
  if (to === 'metaculus' || to === 'manifold') {
    if (!out) return usageError(spec, io, `--to ${to} writes two files: name their folder with --out DIR`);
    mkdirSync(out, { recursive: true });
    const paths = folderFiles(to, questions).map(([name, text]) => {
      writeFileSync(join(out, name), text);
      return join(out, name);
    });
    io.err(`wrote ${paths.join(' and ')}`);
    return EXIT.ok;
  }
  const csv = writeFatebook(questions);
  if (out) writeFileSync(out, csv);
  else io.out(csv.trimEnd());
  return EXIT.ok;
}

async function exportModel(io: CliIO, target: string, scenario: string | undefined, out: string | undefined) {
  const found = projectFor(target, io);
  if (typeof found === 'number') return found;
  const model = found.project.models.get(found.id)!;
  if (scenario !== undefined && !(scenario in model.scenarios))
    return usageError(
      spec,
      io,
      `the model '${found.id}' has no scenario '${scenario}'; its scenarios: ${Object.keys(model.scenarios).join(', ') || 'none'}`,
    );
  const r = exportSquiggle(found.project, found.id, scenario ?? null);
  if (!r.ok) {
    for (const e of r.errors) io.err(formatError(e));
    return EXIT.problems;
  }
  if (out) writeFileSync(out, r.value.code);
  else io.out(r.value.code.trimEnd());
  return EXIT.ok;
}

const command = defineCommand({
  name: 'export',
  summary: 'write a model as Squiggle code, or the track record in Fatebook’s, Metaculus’s or Manifold’s layout',
  usage: [
    '<model-id|path> --to squiggle [--scenario NAME] [--out FILE]',
    '--predictions --to fatebook|metaculus|manifold [--out FILE|DIR]',
  ],
  description: [
    'Squiggle: every quantity as a SampleSet (shared draws stay correlated); the prior, before',
    'evidence. Predictions: every catalog prediction with its forecasts (the author’s credence',
    'first) and its resolution; Metaculus’s layout is two files, question_data.csv and',
    'forecast_data.csv, and Manifold’s is markets.json and bets.json (as its API returns markets',
    'and bets; each forecast a bet of no stake whose probAfter is the forecast), written into the',
    '--out folder.',
  ],
  positionals: { min: 0, max: 1, what: 'model' },
  options: {
    to: { type: 'string', value: 'squiggle|fatebook|metaculus|manifold', help: 'The format (required).' },
    predictions: { type: 'boolean', help: 'Export the track record instead of a model.' },
    scenario: { type: 'string', value: 'NAME', help: 'Export the model under this scenario.' },
    out: {
      type: 'string',
      value: 'FILE',
      help: 'Write to FILE (a folder for metaculus and manifold) instead of standard output.',
    },
  },
  env: ['CREDENCE_MODELS', 'CREDENCE_DB'],
  problems: 'the model cannot be expressed in Squiggle (each refusal printed at its place), or the data cannot be read',
  examples: [
    'credence export iterative-chain --to squiggle --out chain.squiggle',
    'credence export --predictions --to fatebook --out track-record.csv',
  ],
  async run(values, positionals, io) {
    const to = values.to;
    if (values.predictions) {
      if (positionals.length > 0 || values.scenario !== undefined)
        return usageError(spec, io, '--predictions exports the track record: it takes no model and no --scenario');
      if (!to || !RECORD_FORMATS.includes(to))
        return usageError(
          spec,
          io,
          `--to must be fatebook, metaculus or manifold with --predictions${to ? `, not '${to}'` : ''}`,
        );
      return exportPredictions(io, to, values.out);
    }
    if (positionals.length !== 1) return usageError(spec, io, 'name the model to export (or --predictions)');
    if (!to || !MODEL_FORMATS.includes(to))
      return usageError(spec, io, `--to must be one of ${MODEL_FORMATS.join(', ')}${to ? `, not '${to}'` : ''}`);
    return exportModel(io, positionals[0]!, values.scenario, values.out);
  },
});

const spec: CommandSpec = command.spec;
export default command;
