// The threshold table of `credence sensitivity --method threshold`.

import { showError, showLevel, type Display } from '../display.ts';
import type { ThresholdResult } from '../../analysis/threshold.ts';
import { num, table } from '../format.ts';
import { header, pctl, excludedNote } from './header.ts';

export function renderThreshold(r: ThresholdResult, d: Display, title: string): string[] {
  const lines = header(title, r, 'threshold');
  lines.push(
    `threshold ${showLevel(r.threshold, d)}; output mean now ${showLevel(r.baseline.mean, d)} ${showError(r.baseline.mcse, r.baseline.mean, d)}; each input pinned, the others sampled`,
    '',
  );
  const rows = r.rows.map((x) => {
    if (x.crossings.length === 0)
      return [
        x.input,
        'none in p1–p99',
        '',
        '',
        `mean stays ${showLevel(x.meanSpan[0], d)} to ${showLevel(x.meanSpan[1], d)}`,
      ];
    return [
      x.input,
      x.crossings.map((c) => num(c.value)).join(', '),
      x.crossings.map((c) => pctl(c.percentile)).join(', '),
      x.crossings.map((c) => c.direction).join(', '),
      x.crossings.map((c) => `±${num(c.mcse, 2)}`).join(', '),
    ];
  });
  lines.push(...table([['input', 'crosses at', 'percentile', 'direction', 'mcse'], ...rows]));
  return [...lines, ...excludedNote(r)];
}
