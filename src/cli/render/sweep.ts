// The sweep table of `credence sensitivity --method sweep`.

import { showDifference, showLevel, type Display } from '../display.ts';
import type { SweepResult } from '../../analysis/sweep.ts';
import { table } from '../format.ts';
import { header, pctl, excludedNote } from './header.ts';

export function renderSweep(r: SweepResult, d: Display, title: string): string[] {
  const lines = header(title, r, 'sweep');
  lines.push(
    `output mean ${showLevel(r.baseline.mean, d)}; output mean with each input pinned across its percentiles, the others sampled (common random numbers)`,
    '',
  );
  const P = r.percentiles.length;
  const shown = [
    ...new Set(Array.from({ length: Math.min(7, P) }, (_, i) => Math.round((i * (P - 1)) / (Math.min(7, P) - 1)))),
  ];
  const rows = r.series.map((s) => [
    s.input,
    ...shown.map((i) => showLevel(s.points[i]!.mean, d)),
    d === 'bits' ? '' : showDifference(s.range, d),
  ]);
  lines.push(...table([['input', ...shown.map((i) => pctl(r.percentiles[i]!)), d === 'bits' ? '' : 'range'], ...rows]));
  lines.push(
    '',
    `${P} points per input from ${pctl(r.percentiles[0]!)} to ${pctl(r.percentiles[P - 1]!)}; --json gives every point with its input value and mcse`,
  );
  return [...lines, ...excludedNote(r)];
}
