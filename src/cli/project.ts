// Where the CLI finds models: a model id in the models folder, or a path to a file (whose
// folder then serves as the project, so its imports resolve beside it).

import { existsSync } from 'node:fs';
import { dirname, resolve, extname } from 'node:path';
import { loadProject, type Project } from '../model/project.ts';
import { modelIdOf } from '../model/load.ts';
import { formatError } from '../model/errors.ts';
import { EXIT, type CliIO } from './io.ts';

export function looksLikePath(arg: string): boolean {
  return arg.includes('/') || extname(arg) === '.yaml' || extname(arg) === '.yml';
}

/**
 * Load the project holding `target`. When the model cannot run, print why and return the exit
 * code: 1 when its file has errors, 2 when there is no such model.
 */
export function projectFor(target: string, io: CliIO): { project: Project; id: string } | number {
  const isPath = looksLikePath(target);
  if (isPath && !existsSync(target)) {
    io.err(`${target}: no such file`);
    return EXIT.usage;
  }
  const dir = isPath ? dirname(resolve(target)) : io.modelsDir;
  const id = isPath ? modelIdOf(target) : target;
  const project = loadProject(dir);
  if (!project.models.has(id)) {
    const own = project.errors.filter((e) => e.file !== undefined && modelIdOf(e.file) === id);
    if (own.length > 0) {
      for (const e of own) io.err(formatError(e));
      return EXIT.problems;
    }
    io.err(`there is no model '${id}' in ${dir}; known models: ${[...project.models.keys()].join(', ') || 'none'}`);
    return EXIT.usage;
  }
  return { project, id };
}
