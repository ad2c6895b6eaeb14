// Qualifying a prediction's expression for a model that imports its linked model (pure); the
// result goes back to the engine as text through `showExpr`, which round-trips.

import { mapRefs, type Expr } from '../model/expression.ts';
import { CONSTANTS } from '../model/names.ts';

/** Prefix every quantity name in `expr` with `prefix` (e.g. "a." or "a.b."); constants stay as they are. */
export function qualifyExpr(expr: Expr, prefix: string): Expr {
  if (prefix === '') return expr;
  return mapRefs(expr, (name) => (name in CONSTANTS ? name : prefix + name));
}
