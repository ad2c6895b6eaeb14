// The engine's share of `credence check`: compile every model under its default and each
// scenario, which catches impossible constant parameters such as beta(0, 1).

import { prepare } from './run.ts';
import type { Project } from '../model/project.ts';
import type { CredenceError } from '../model/errors.ts';

export function checkPlans(project: Project): CredenceError[] {
  const errors: CredenceError[] = [];
  for (const [id, model] of project.models) {
    for (const scenario of [null, ...Object.keys(model.scenarios)]) {
      const p = prepare(project, id, { scenario });
      if (!p.ok) errors.push(...p.errors);
    }
  }
  return errors;
}
