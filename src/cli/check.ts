// `credence check [paths…]`: every problem in the model files, one `path:line:col: message`
// line each (or, with --json, one object each); exit 1 when there is any.

import { resolve, dirname } from 'node:path';
import { existsSync, statSync } from 'node:fs';
import { checkFolder, type ProjectCheck } from '../model/check.ts';
import { checkPlans } from '../engine/check.ts';
import { checkCatalog } from '../predictions/catalog.ts';
import { checkProvenance } from '../model/provenance.ts';
import { formatError, type CredenceError } from '../model/errors.ts';
import { displayPath } from '../model/load.ts';
import { defineCommand } from './spec.ts';
import { EXIT, type CliIO } from './io.ts';

/** Checks beyond loading (every input's provenance, parameters, the predictions file) register here. */
export const extraChecks: ProjectCheck[] = [checkProvenance, checkPlans, checkCatalog];

/** A problem as --json prints it: every key present, null where the error has no such part. */
export function problemJson(e: CredenceError) {
  return { file: e.file ?? null, line: e.line ?? null, col: e.col ?? null, code: e.code, message: e.message };
}

function checkTargets(targets: string[], io: CliIO): { errors: CredenceError[]; models: number } | number {
  const errors: CredenceError[] = [];
  let models = 0;
  for (const t of targets) {
    if (!existsSync(t)) {
      io.err(`${t}: no such file or folder`);
      return EXIT.usage;
    }
    const isDir = statSync(t).isDirectory();
    const { project, errors: found } = checkFolder(isDir ? t : dirname(resolve(t)), extraChecks);
    const only = isDir ? null : displayPath(resolve(t));
    errors.push(...found.filter((e) => only === null || e.file === only));
    models += isDir ? project.models.size + project.stale.size : 1;
  }
  return { errors, models };
}

export default defineCommand({
  name: 'check',
  summary: 'check model files: every problem with its file, line and column',
  usage: ['[paths…]'],
  description: [
    'Checks each model file (or every file of a folder; default: the models folder) as it would',
    'run: the file, its imports, every scenario, and the predictions catalog.',
  ],
  positionals: { min: 0, max: Infinity, what: 'path' },
  options: {},
  json: 'the problems as [{file, line, col, code, message}] (null where a problem has no such part)',
  env: ['CREDENCE_MODELS'],
  problems: 'a model file has problems (each printed with its place)',
  examples: ['credence check', 'credence check models/p-scheming.yaml --json'],
  run(values, positionals, io) {
    const found = checkTargets(positionals.length > 0 ? positionals : [io.modelsDir], io);
    if (typeof found === 'number') return found;
    const { errors, models } = found;
    if (values.json) io.out(JSON.stringify(errors.map(problemJson), null, 2));
    else for (const e of errors) io.out(formatError(e));
    if (errors.length > 0) {
      io.err(`${errors.length} problem${errors.length === 1 ? '' : 's'} found`);
      return EXIT.problems;
    }
    io.err(`${models} model file${models === 1 ? '' : 's'} checked: no problems`);
    return EXIT.ok;
  },
});
