// A prediction's link to its model: the model is loaded and can be built, and p_yes names only
// that model's quantities (or constants) and draws no distribution of its own.

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { buildGraph, type Graph } from '../model/graph.ts';
import { displayPath } from '../model/load.ts';
import { CONSTANTS } from '../model/names.ts';
import { hasDist, refsOf, type Expr, type ExprSource } from '../model/expression.ts';
import { suggest } from '../model/suggest.ts';
import type { Loc, CredenceError, Result } from '../model/errors.ts';
import type { Project } from '../model/project.ts';

/** The problems of one prediction's link (none when it is sound); `graphs` caches built models. */
export function checkLink(
  project: Project,
  modelId: string,
  expr: Expr,
  source: ExprSource,
  label: string,
  modelLoc: Loc,
  graphs: Map<string, Result<Graph>>,
): CredenceError[] {
  if (!project.models.has(modelId)) {
    const hasFile = ['.yaml', '.yml'].some((ext) => existsSync(join(project.dir, modelId + ext)));
    const why = hasFile
      ? `${label} links model '${modelId}', which has errors (see its file)`
      : `${label} links model '${modelId}', but there is no such model in ${displayPath(project.dir)}${suggest(modelId, [...project.models.keys()])}`;
    return [{ code: hasFile ? 'import-broken' : 'unknown-model', ...modelLoc, message: why }];
  }
  let graph = graphs.get(modelId);
  if (!graph) {
    graph = buildGraph(project, modelId);
    graphs.set(modelId, graph);
  }
  if (!graph.ok)
    return [
      {
        code: 'import-broken',
        ...modelLoc,
        message: `${label} links model '${modelId}', which cannot be built (see its file), so p_yes cannot be checked`,
      },
    ];
  const names = graph.value.byName;
  const errors: CredenceError[] = [];
  for (const r of refsOf(expr)) {
    if (names.has(r.name) || r.name in CONSTANTS) continue;
    errors.push({
      code: 'unknown-name',
      ...source.loc(r.at),
      message: `p_yes of ${label}: '${r.name}' is not a quantity of model '${modelId}'${suggest(r.name, [...names.keys()])}`,
    });
  }
  if (hasDist(expr)) {
    errors.push({
      code: 'not-allowed',
      ...source.loc(0),
      message: `p_yes of ${label} must be computed from the model's quantities, not draw a new distribution; define the distribution in model '${modelId}'`,
    });
  }
  return errors;
}
