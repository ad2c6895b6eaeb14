// The table of `credence predictions`: each prediction's author credence beside its model's.

import type { ImpliedCredence } from '../../analysis/implied.ts';
import { compact, pct, table } from '../format.ts';
import { formatPoints } from '../../analysis/format.ts';

export function renderImplied(rows: ImpliedCredence[], samples: number, seed: number, model: string | null): string[] {
  const lines = table([
    ['id', 'statement', 'author', 'model', 'implied', 'gap'],
    ...rows.map((r) => [
      r.id,
      r.statement.length > 60 ? `${r.statement.slice(0, 57)}…` : r.statement,
      pct(r.credence),
      model === null || r.valuedIn === model ? r.model : `${r.model} *`,
      r.implied === null ? 'error' : pct(r.implied),
      r.implied === null ? '' : formatPoints(r.implied - r.credence),
    ]),
  ]);
  lines.push(
    '',
    model === null
      ? `implied = mean of p_yes over ${compact(samples)} samples of the linked model (seed ${seed}, default scenario and evidence),`
      : `implied = mean of p_yes over ${compact(samples)} samples of ${model} at the copy of the linked model (seed ${seed}, default scenario and evidence;`,
    ...(model === null ? [] : [`a prediction whose model ${model} does not import: of its linked model, marked *),`]),
    "weighted by the other predictions' resolutions that reach it (never by its own)",
  );
  return lines;
}
