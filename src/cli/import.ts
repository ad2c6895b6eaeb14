// `credence import`: another tool's work brought in. A Squiggle file or a Guesstimate export
// becomes a model file (printed, or written to --out, never over an existing file); a Fatebook,
// Metaculus or Manifold export of a track record adds its forecasts and resolutions to the record.

import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { formatError, type CredenceError } from '../model/errors.ts';
import { loadModelText } from '../model/load.ts';
import { loadProject } from '../model/project.ts';
import { modelFileText, type ImportedModel } from '../model/interop/model-file.ts';
import { loadCatalog } from '../predictions/catalog.ts';
import { readFatebook } from '../predictions/formats/fatebook.ts';
import { METACULUS_FILES, readMetaculus } from '../predictions/formats/metaculus.ts';
import { MANIFOLD_FILES, readManifold } from '../predictions/formats/manifold.ts';
import { RECORD_FILE_MAX_BYTES, type LayoutRead, type RowError } from '../predictions/formats/layout.ts';
import { importQuestions, type ImportReport } from '../predictions/import.ts';
import { defineCommand, usageError, type CommandSpec } from './spec.ts';
import { readStore, writeStore } from './store.ts';
import { EXIT, type CliIO } from './io.ts';

const MODEL_FORMATS = ['squiggle', 'guesstimate'] as const;
const RECORD_FORMATS = ['fatebook', 'metaculus', 'manifold'] as const;
type RecordFormat = (typeof RECORD_FORMATS)[number];
const TOOL = {
  squiggle: 'Squiggle',
  guesstimate: 'Guesstimate',
  fatebook: 'Fatebook',
  metaculus: 'Metaculus',
  manifold: 'Manifold',
};
/** Errors printed for an unreadable file; the rest are counted (a broken file can have a million). */
const ERRORS_SHOWN = 50;

/** The format: --from, or the file's extension. */
function formatOf(from: string | undefined, path: string): string | null {
  if (from !== undefined) return from;
  const ext = extname(path).toLowerCase();
  return ext === '.squiggle' ? 'squiggle' : ext === '.json' ? 'guesstimate' : null;
}

function printErrors(errors: readonly CredenceError[], io: CliIO): number {
  for (const e of errors) io.err(formatError(e));
  return EXIT.problems;
}

async function importModel(format: 'squiggle' | 'guesstimate', path: string, out: string | undefined, io: CliIO) {
  const text = readFileSync(path, 'utf8');
  const title = basename(path, extname(path));
  const read: { ok: true; value: ImportedModel } | { ok: false; errors: CredenceError[] } =
    format === 'squiggle'
      ? (await import('../model/interop/squiggle-import.ts')).importSquiggle(text, path, title)
      : (await import('../model/interop/guesstimate-import.ts')).importGuesstimate(text, path, title);
  if (!read.ok) return printErrors(read.errors, io);
  const yaml = modelFileText(read.value, TOOL[format]);
  const target = out ?? `${title}.yaml`;
  const check = loadModelText(yaml, target, basename(target, '.yaml'));
  if (!check.ok) {
    io.err(`the model read from ${path} does not load as Credence reads it:`);
    return printErrors(check.errors, io);
  }
  if (out === undefined) io.out(yaml.trimEnd());
  else {
    writeFileSync(out, yaml, { flag: 'wx' });
    io.err(`wrote ${out} (output: ${read.value.output})`);
  }
  return EXIT.ok;
}

/** A file's text, or why it is not read (missing, or over RECORD_FILE_MAX_BYTES). */
function readText(file: string): string | RowError {
  if (!existsSync(file)) return { file, line: 0, code: 'file-missing', message: 'no such file in the export' };
  const size = statSync(file).size;
  if (size > RECORD_FILE_MAX_BYTES)
    return {
      file,
      line: 0,
      code: 'limit-exceeded',
      message: `${(size / 2 ** 20).toFixed(0)} MB is over the ${RECORD_FILE_MAX_BYTES / 2 ** 20} MB a track-record import reads; export the questions you need`,
    };
  return readFileSync(file, 'utf8');
}

function readRecord(format: RecordFormat, path: string): LayoutRead & { skipped?: string[] } {
  if (format === 'fatebook') {
    const text = readText(path);
    return typeof text === 'string' ? readFatebook(text, path) : { ok: false, errors: [text] };
  }
  // The two-file layouts: the export's folder, or either of its files.
  const dir = statSync(path).isDirectory() ? path : join(path, '..');
  const names = format === 'metaculus' ? METACULUS_FILES : MANIFOLD_FILES;
  const [a, b] = Object.values(names).map((n) => join(dir, n)) as [string, string];
  const [ta, tb] = [readText(a), readText(b)];
  if (typeof ta !== 'string' || typeof tb !== 'string')
    return { ok: false, errors: [ta, tb].filter((t): t is RowError => typeof t !== 'string') };
  return format === 'metaculus'
    ? readMetaculus(ta, tb, { questions: a, forecasts: b })
    : readManifold(ta, tb, { markets: a, bets: b });
}

function printReport(r: ImportReport, dryRun: boolean, json: boolean, io: CliIO) {
  if (json) {
    const unmatched = r.unmatched.map((q) => ({
      title: q.title,
      file: q.from?.file ?? null,
      line: q.from?.line ?? null,
    }));
    io.out(
      JSON.stringify(
        { dryRun, forecasts: r.forecasts, resolutions: r.resolutions, notes: r.notes, unmatched },
        null,
        2,
      ),
    );
    return;
  }
  const verb = dryRun ? 'would record' : 'recorded';
  io.out(
    `${verb} ${r.forecasts} forecast${r.forecasts === 1 ? '' : 's'} and ${r.resolutions} resolution${r.resolutions === 1 ? '' : 's'}`,
  );
  for (const n of r.notes) io.err(`note: ${n}`);
  for (const q of r.unmatched)
    io.err(`${q.from ? `${q.from.file}:${q.from.line}: ` : ''}not in the catalog, not imported: '${q.title}'`);
}

/** Why a file is not read: every problem as JSON, or the first ERRORS_SHOWN as lines. */
function printReadErrors(errors: RowError[], json: boolean, io: CliIO): number {
  if (json) {
    const shown = errors.map((e) => ({ file: e.file, line: e.line || null, code: e.code, message: e.message }));
    io.out(JSON.stringify({ errors: shown }, null, 2));
  } else {
    for (const e of errors.slice(0, ERRORS_SHOWN)) io.err(`${e.file}${e.line ? `:${e.line}` : ''}: ${e.message}`);
    const more = errors.length - ERRORS_SHOWN;
    if (more > 0) io.err(`… and ${more} more problem${more === 1 ? '' : 's'}`);
  }
  io.err('nothing was recorded');
  return EXIT.problems;
}

async function importRecord(format: RecordFormat, path: string, dryRun: boolean, json: boolean, io: CliIO) {
  const read = readRecord(format, path);
  if (!read.ok) return printReadErrors(read.errors, json, io);
  for (const s of read.skipped ?? []) io.err(`skipped: ${s}`);
  const catalog = loadCatalog(loadProject(io.modelsDir));
  if (!catalog.ok) return printErrors(catalog.errors, io);
  const run = async (store: Parameters<typeof importQuestions>[0]) => {
    const report = await importQuestions(store, catalog.value, read.value, TOOL[format], dryRun);
    printReport(report, dryRun, json, io);
    return EXIT.ok;
  };
  if (!dryRun) return writeStore(io, run);
  return readStore(io, async (store) => {
    if (store) return run(store);
    io.err(`there is no database at ${io.dbPath} to compare the file with`);
    return EXIT.problems;
  });
}

const command = defineCommand({
  name: 'import',
  summary: 'read a Squiggle or Guesstimate model, or a Fatebook, Metaculus or Manifold track record',
  usage: [
    '<file.squiggle> [--out FILE.yaml]',
    '--from guesstimate <file.json> [--out FILE.yaml]',
    '--from fatebook <file.csv> [--dry-run]',
    '--from metaculus <export-folder> [--dry-run]',
    '--from manifold <folder> [--dry-run]',
  ],
  description: [
    'Models: Squiggle’s bindings of numbers, distributions, `a to b` and arithmetic, or a Guesstimate',
    'space (ranges are 90% intervals, as Guesstimate reads them), written as a model file whose inputs',
    'are marked as assumptions to be sourced; anything else is refused at its line. Track records: each',
    'question matched to a catalog prediction (by Credence id, else by statement) adds its forecasts and',
    'resolution with their original times; nothing recorded is changed, and questions the catalog lacks',
    'are listed, not invented. Metaculus’s export is a folder (question_data.csv, forecast_data.csv);',
    'Manifold’s is a folder of its API’s answers: markets.json (GET /v0/markets or /v0/market/ID) and',
    'bets.json (GET /v0/bets), each bet’s probAfter its maker’s forecast at its createdTime.',
  ],
  positionals: { min: 1, max: 1, what: 'file' },
  options: {
    from: {
      type: 'string',
      value: [...MODEL_FORMATS, ...RECORD_FORMATS].join('|'),
      help: 'The format (default: by extension: .squiggle Squiggle, .json Guesstimate).',
    },
    out: {
      type: 'string',
      value: 'FILE',
      help: 'Write the model file to FILE (never over an existing one) instead of standard output.',
    },
    'dry-run': { type: 'boolean', help: 'Count what a track record would add, and record nothing.' },
  },
  json: 'the track-record import as {dryRun, forecasts, resolutions, notes, unmatched}, or {errors: [{file, line, code, message}]} when the file cannot be read',
  env: ['CREDENCE_MODELS', 'CREDENCE_DB'],
  problems:
    'the file has parts Credence cannot read (each printed at its place; nothing is written), or the database cannot be opened',
  examples: [
    'credence import chain.squiggle --out models/chain.yaml',
    'credence import --from guesstimate space.json',
    'credence import --from fatebook fatebook-export.csv --dry-run',
  ],
  async run(values, [path], io) {
    const format = formatOf(values.from, path!);
    if (format === null)
      return usageError(spec, io, `say what ${path} is with --from ${[...MODEL_FORMATS, ...RECORD_FORMATS].join('|')}`);
    if (!existsSync(path!)) return usageError(spec, io, `${path}: no such file`);
    if ((MODEL_FORMATS as readonly string[]).includes(format)) {
      if (values['dry-run'] || values.json) return usageError(spec, io, '--dry-run and --json are for track records');
      if (values.out !== undefined && existsSync(values.out))
        return usageError(spec, io, `${values.out} exists; choose another --out (nothing is written over)`);
      return importModel(format as 'squiggle' | 'guesstimate', path!, values.out, io);
    }
    if ((RECORD_FORMATS as readonly string[]).includes(format)) {
      if (values.out !== undefined)
        return usageError(spec, io, '--out is for models: a track record goes into the database');
      return importRecord(format as RecordFormat, path!, values['dry-run'] === true, values.json === true, io);
    }
    return usageError(
      spec,
      io,
      `--from must be one of ${[...MODEL_FORMATS, ...RECORD_FORMATS].join(', ')}, not '${format}'`,
    );
  },
});

const spec: CommandSpec = command.spec;
export default command;
