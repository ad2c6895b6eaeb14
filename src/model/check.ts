// Everything that can be wrong with a folder of models, found without sampling: load errors,
// import errors, and the errors of building each model under its default and every scenario.

import { loadProject, type Project } from './project.ts';
import { graphErrorsOf } from './graph-errors.ts';
import type { CredenceError } from './errors.ts';

/** Extra checks a later stage adds (the engine's parameter checks, the predictions file). */
export type ProjectCheck = (project: Project) => CredenceError[];

export function checkGraphs(project: Project): CredenceError[] {
  return [...project.models.keys()].flatMap((id) => graphErrorsOf(project, id));
}

export function dedupe(errors: CredenceError[]): CredenceError[] {
  const seen = new Set<string>();
  return errors.filter((e) => {
    const k = `${e.file}:${e.line}:${e.col}:${e.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

export function checkFolder(dir: string, checks: ProjectCheck[] = []): { project: Project; errors: CredenceError[] } {
  const project = loadProject(dir);
  const errors = [...project.errors, ...checkGraphs(project), ...checks.flatMap((c) => c(project))];
  return { project, errors: dedupe(errors) };
}
