// The import graph of a set of models: every import must name a loaded model, imports must not
// form a cycle, a chain of imports may be at most LIMITS['import-depth'] models long, and a model
// with all its imports copied in (each import is its own copy, so a model imported twice counts
// twice) at most LIMITS['expanded-quantities'] quantities. Sizes are computed once per model,
// from its imports' sizes, so sixty models each importing the next twice cost sixty steps, not
// 2^60. The walk is iterative: no chain of files can exhaust the stack.

import { error, type CredenceError } from './errors.ts';
import { LIMITS, count, limitError } from './limits.ts';
import { depthFirst, cycleText } from './walk.ts';
import type { Import, Model } from './load.ts';

/** What a check of the imports keeps as it walks. */
interface ImportCheck {
  models: Map<string, Model>;
  broken: ReadonlySet<string>;
  errors: CredenceError[];
  /** Models that cannot run, with the first problem that stops them. */
  bad: Map<string, string>;
  /** Longest chain of models from each model down, and its quantities with imports copied in. */
  depth: Map<string, number>;
  size: Map<string, number>;
}

/**
 * Check the imports of `models` (`broken`: ids whose files have errors). A model whose imports
 * fail is removed from `models` (it cannot run), with the reason at its import, also when the
 * failure is further down.
 */
export function checkImports(models: Map<string, Model>, broken: ReadonlySet<string>): CredenceError[] {
  const c: ImportCheck = { models, broken, errors: [], bad: new Map(), depth: new Map(), size: new Map() };
  const { errors, bad } = c;
  depthFirst<string, Import>(models.keys(), {
    edges: (id) => {
      const imports = Object.values(models.get(id)!.imports);
      for (const imp of imports) if (!models.has(imp.modelId)) missing(c, id, imp);
      return imports;
    },
    target: (imp) => (models.has(imp.modelId) ? imp.modelId : undefined),
    onCycle: (from, imp, to, path, start) => {
      const why = `circular import: ${cycleText(path, start, to)}`;
      errors.push(error('import-cycle', why, imp.loc));
      fail(c, from, why);
    },
    onEdgeDone: (from, imp, to) => {
      const why = bad.get(to);
      if (why === undefined) return;
      errors.push(error('import-broken', `imports '${imp.modelId}', which cannot run: ${why}`, imp.loc));
      fail(c, from, why);
    },
    onDone: (id) => measure(c, id),
  });
  for (const id of bad.keys()) models.delete(id);
  return errors;
}

/** `id` cannot run; the first reason found is the one given. */
function fail(c: ImportCheck, id: string, why: string): void {
  if (!c.bad.has(id)) c.bad.set(id, why);
}

/** An import of a model that is not loaded (no file, or a file with errors). */
function missing(c: ImportCheck, id: string, imp: Import): void {
  const why = c.broken.has(imp.modelId)
    ? `imports '${imp.modelId}', which has errors (see its file)`
    : `imports '${imp.modelId}', but there is no model file ${imp.modelId}.yaml`;
  c.errors.push(error(c.broken.has(imp.modelId) ? 'import-broken' : 'import-missing', why, imp.loc));
  fail(c, id, why);
}

/** Depth and size of `id` from its imports' (all done, in post-order); over a limit, it cannot run. */
function measure(c: ImportCheck, id: string): void {
  const { models, bad, depth, size } = c;
  const m = models.get(id)!;
  let d = 1;
  let n = Object.keys(m.inputs).length + Object.keys(m.nodes).length;
  for (const imp of Object.values(m.imports)) {
    if (!models.has(imp.modelId) || bad.has(imp.modelId) || !depth.has(imp.modelId)) continue;
    const childDepth = depth.get(imp.modelId)!;
    if (childDepth + 1 > LIMITS['import-depth'] && d <= LIMITS['import-depth']) {
      const e = limitError(
        'import-depth',
        `importing '${imp.modelId}' makes a chain of ${count(childDepth + 1)} models`,
        imp.loc,
      );
      c.errors.push(e);
      fail(c, id, e.message);
    }
    d = Math.max(d, childDepth + 1);
    const before = n;
    n += size.get(imp.modelId)!;
    if (n > LIMITS['expanded-quantities'] && before <= LIMITS['expanded-quantities']) {
      const e = limitError(
        'expanded-quantities',
        `with its imports copied in (this one brings ${count(size.get(imp.modelId)!)}), the model has ${count(n)} quantities`,
        imp.loc,
      );
      c.errors.push(e);
      fail(c, id, e.message);
    }
  }
  depth.set(id, d);
  // Sizes past the limit are kept only as "too many": no sum can grow without bound.
  size.set(id, Math.min(n, LIMITS['expanded-quantities'] + 1));
}
