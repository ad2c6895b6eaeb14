// Everything that can be wrong with a folder of models, found without sampling: load errors,
// import errors, and the errors of building each model under its default and every scenario.

import { loadProject, type Project } from './project.ts';
import { buildGraph } from './graph.ts';
import { scenarioOverrides } from './overrides.ts';
import type { CredenceError } from './errors.ts';

/** Extra checks a later stage adds (the engine's parameter checks, the predictions file). */
export type ProjectCheck = (project: Project) => CredenceError[];

export function checkGraphs(project: Project): CredenceError[] {
  const errors: CredenceError[] = [];
  for (const [id, model] of project.models) {
    for (const scenario of [null, ...Object.keys(model.scenarios)]) {
      const o = scenarioOverrides(model, scenario);
      const g = o.ok ? buildGraph(project, id, o.value) : o;
      if (!g.ok) errors.push(...g.errors);
    }
  }
  return errors;
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
