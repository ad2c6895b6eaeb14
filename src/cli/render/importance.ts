// The importance table of `credence sensitivity --method importance`.

import { bar } from '../display.ts';
import type { ImportanceResult } from '../../analysis/importance.ts';
import { num, table, compact } from '../format.ts';
import { header, excludedNote } from './header.ts';

export function renderImportance(r: ImportanceResult, title: string): string[] {
  const lines = header(title, r, 'importance (Spearman rank correlation)');
  lines.push(`from one ordinary run of ${compact(r.rowsUsed)} rows; evidence weights are not applied`, '');
  const max = Math.max(0, ...r.rows.map((x) => Math.abs(x.spearman)).filter((x) => Number.isFinite(x)));
  const rows = r.rows.map((x) => [
    x.input,
    num(x.spearman, 3),
    `${num(x.ci[0], 3)} to ${num(x.ci[1], 3)}`,
    bar(x.spearman, max),
  ]);
  lines.push(...table([['input', 'spearman', '95% interval', ''], ...rows]));
  return [...lines, ...excludedNote(r)];
}
