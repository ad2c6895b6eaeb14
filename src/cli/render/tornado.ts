// The tornado table of `credence sensitivity --method tornado`.

import { bar, showChange, showDifference, showError, showLevel, log2Odds, type Display } from '../display.ts';
import type { TornadoResult } from '../../analysis/tornado.ts';
import { num, table } from '../format.ts';
import { header, pctl, excludedNote } from './header.ts';

export function renderTornado(r: TornadoResult, d: Display, title: string): string[] {
  const [pl, ph] = r.percentiles;
  const lines = header(title, r, 'tornado');
  lines.push(
    `output mean ${showLevel(r.baseline.mean, d)} ${showError(r.baseline.mcse, r.baseline.mean, d)}; each input pinned at its ${pctl(pl)} and ${pctl(ph)}, the others sampled (common random numbers)`,
    '',
  );
  const swingOf = (row: TornadoResult['rows'][number]) =>
    d === 'bits' ? log2Odds(row.high.mean) - log2Odds(row.low.mean) : row.swing;
  const max = Math.max(0, ...r.rows.map((row) => Math.abs(swingOf(row))).filter((x) => Number.isFinite(x)));
  const rows = r.rows.map((row) => [
    row.input,
    num(row.low.value),
    num(row.high.value),
    showLevel(row.low.mean, d),
    showLevel(row.high.mean, d),
    d === 'bits' ? showChange(row.low.mean, row.high.mean, d) : showDifference(row.swing, d),
    d === 'bits' ? '' : showError(row.swingMcse, 0.5, d),
    bar(swingOf(row), max),
  ]);
  lines.push(
    ...table([
      ['input', pctl(pl), pctl(ph), `mean at ${pctl(pl)}`, `mean at ${pctl(ph)}`, 'swing', 'mcse', ''],
      ...rows,
    ]),
  );
  return [...lines, ...excludedNote(r)];
}
