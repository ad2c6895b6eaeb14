// The errors of building one model's graph under its default and under each of its scenarios:
// what `credence check` reports for a model beyond loading, and what says whether a model that
// loads can still run with the models it imports.

import { buildGraph } from './graph.ts';
import { scenarioOverrides } from './overrides.ts';
import type { CredenceError } from './errors.ts';
import type { Project } from './project.ts';

export function graphErrorsOf(project: Project, id: string): CredenceError[] {
  const model = project.models.get(id);
  if (!model) return [];
  const errors: CredenceError[] = [];
  for (const scenario of [null, ...Object.keys(model.scenarios)]) {
    const o = scenarioOverrides(model, scenario);
    const g = o.ok ? buildGraph(project, id, o.value) : o;
    if (!g.ok) errors.push(...g.errors);
  }
  return errors;
}
