// `credence check [paths…]`: every problem in the model files, one `path:line:col: message`
// line each; exit 1 when there is any.

import { resolve, dirname } from 'node:path';
import { existsSync, statSync } from 'node:fs';
import { checkFolder, type ProjectCheck } from '../model/check.ts';
import { checkPlans } from '../engine/check.ts';
import { checkCatalog } from '../predictions/catalog.ts';
import { formatError, type CredenceError } from '../model/errors.ts';
import { displayPath } from '../model/load.ts';
import { EXIT, type CliIO } from './io.ts';

/** Checks from later stages (the predictions file) register here. */
export const extraChecks: ProjectCheck[] = [checkPlans, checkCatalog];

export default function check(args: string[], io: CliIO): number {
  const bad = args.filter((a) => a.startsWith('-'));
  if (bad.length > 0) {
    io.err(`check takes no options (got ${bad.join(' ')}); usage: credence check [paths…]`);
    return EXIT.usage;
  }
  const targets = args.length > 0 ? args : [io.modelsDir];
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
  for (const e of errors) io.out(formatError(e));
  if (errors.length > 0) {
    io.err(`${errors.length} problem${errors.length === 1 ? '' : 's'} found`);
    return EXIT.problems;
  }
  io.err(`${models} model file${models === 1 ? '' : 's'} checked: no problems`);
  return EXIT.ok;
}
