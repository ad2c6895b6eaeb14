// The grid table of `credence sensitivity --method grid`.

import { showError, log2Odds, type Display } from '../display.ts';
import type { GridResult } from '../../analysis/grid.ts';
import { num, table } from '../format.ts';
import { header, pctl } from './header.ts';

export function renderGrid(r: GridResult, d: Display, title: string): string[] {
  const lines = header(title, r, 'grid');
  lines.push(`rows: ${r.y.input} (percentile: value); columns: ${r.x.input}; cells: output mean`, '');
  const cell = (x: number) => (d === 'percent' ? num(x * 100, 3) : d === 'bits' ? num(log2Odds(x), 3) : num(x, 3));
  const head = ['', ...r.x.values.map((v) => num(v, 3))];
  const rows = r.y.values.map((v, j) => [`${pctl(r.y.percentiles[j]!)}: ${num(v, 3)}`, ...r.means[j]!.map(cell)]);
  lines.push(...table([head, ...rows]));
  const unit = d === 'percent' ? 'percent' : d === 'bits' ? 'bits of log-odds' : 'output units';
  const maxErr = Math.max(...r.mcse.flat().filter((x) => Number.isFinite(x)));
  lines.push(
    '',
    `cells in ${unit}; ${r.x.input} from ${pctl(r.x.percentiles[0]!)} to ${pctl(r.x.percentiles[r.x.percentiles.length - 1]!)}; largest cell mcse ${showError(maxErr, 0.5, d === 'bits' ? 'number' : d)}`,
  );
  return lines;
}
