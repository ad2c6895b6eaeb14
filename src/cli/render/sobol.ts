// The sobol table of `credence sensitivity --method sobol`.

import { bar } from '../display.ts';
import type { SobolResult } from '../../analysis/sobol.ts';
import { num, table, compact } from '../format.ts';
import { header, excludedNote } from './header.ts';

export function renderSobol(r: SobolResult, title: string): string[] {
  const lines = header(title, r, 'Sobol indices');
  lines.push(
    `${compact(r.baseRows)} base rows (seeds ${r.seeds.A} and ${r.seeds.B}), ${compact(r.evaluations)} evaluations, ${Math.round(r.confidence * 100)}% bootstrap intervals from ${r.bootstrap} resamples; prior distribution, independent inputs`,
    '',
  );
  const ci = (c: [number, number]) => `${num(c[0], 3)} to ${num(c[1], 3)}`;
  const rows = r.rows.map((x) => [
    x.input,
    num(x.first, 3),
    ci(x.firstCI),
    num(x.total, 3),
    ci(x.totalCI),
    bar(x.total, 1),
  ]);
  lines.push(...table([['input', 'first', '95% interval', 'total', '95% interval', ''], ...rows]));
  lines.push(
    '',
    `sum of first-order indices ${num(r.sumFirst, 3)}, of totals ${num(r.sumTotal, 3)}; output mean ${num(r.mean)}, variance ${num(r.variance)}`,
  );
  if (r.latent.length)
    lines.push(
      `randomness not attributed to any input above (depends on other quantities, or inside nodes): ${r.latent.join(', ')}`,
    );
  return [...lines, ...excludedNote(r)];
}
