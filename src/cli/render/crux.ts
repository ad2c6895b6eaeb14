// The crux table of `credence crux`: both views' means, the difference, and each input's part.

import type { CruxResult } from '../../analysis/crux.ts';
import { bar, log2Odds, showDifference, showError, showLevel, type Display } from '../display.ts';
import { num, table, compact } from '../format.ts';

function viewName(v: CruxResult['from']): string {
  return v.scenario ?? 'default';
}

export function renderCrux(r: CruxResult, d: Display, title: string): string[] {
  const lines = [`${title} (${r.model}): crux of ${r.output}${r.outputLabel ? ` (${r.outputLabel})` : ''}`];
  const from = viewName(r.from);
  const to = viewName(r.to);
  const bits = d === 'bits';
  // In bits the parts are scaled to sum to the change in log-odds (they are additive in the mean).
  const total = bits ? log2Odds(r.to.mean) - log2Odds(r.from.mean) : r.difference;
  const scale = bits && r.difference !== 0 ? total / r.difference : 1;
  lines.push(
    `from ${from}: ${showLevel(r.from.mean, d)} ${showError(r.from.mcse, r.from.mean, d)}`,
    `to ${to}${Object.keys(r.to.overrides).length && r.to.scenario === r.from.scenario ? ' with --set' : ''}: ${showLevel(r.to.mean, d)} ${showError(r.to.mcse, r.to.mean, d)}`,
    `difference ${showDifference(total, d)}${bits ? '' : ` ${showError(r.differenceMcse, 0.5, d)}`}`,
    `${compact(r.samples)} samples, seed ${r.seed}, common random numbers in every coalition${r.evidence.length ? `; evidence applied: ${r.evidence.join(', ')}` : ''}`,
    `Shapley values over ${r.parts.length} input${r.parts.length === 1 ? '' : 's'}: ${r.method === 'exact' ? `exact, ${r.coalitions} coalitions` : `${r.permutations} sampled permutations, ${r.coalitions} coalitions`}${bits ? '; parts scaled to sum in bits' : ''}`,
    '',
  );
  if (r.parts.length === 0) {
    lines.push(
      r.noEffect.length
        ? `the views differ only in inputs the output does not depend on: ${r.noEffect.join(', ')}`
        : 'the two views configure every input the same way: there is nothing to attribute',
    );
    return lines;
  }
  const max = Math.max(...r.parts.map((p) => Math.abs(p.shapley)));
  const rows = r.parts.map((p) => [
    p.input,
    p.from,
    p.to,
    showDifference(p.shapley * scale, d),
    bits ? '' : showError(p.mcse, 0.5, d),
    Number.isFinite(p.share) ? `${num(p.share * 100, 3)}%` : '',
    bar(p.shapley, max),
  ]);
  lines.push(...table([['input', `in ${from}`, `in ${to}`, 'part', 'mcse', 'share', ''], ...rows]));
  const sum = r.parts.reduce((s, p) => s + p.shapley, 0);
  lines.push('', `the parts sum to ${showDifference(sum * scale, d)}, the difference`);
  if (r.unchanged.length) lines.push(`set the same way in both views: ${r.unchanged.join(', ')}`);
  if (r.noEffect.length) lines.push(`set differently but cannot change the output (part 0): ${r.noEffect.join(', ')}`);
  return lines;
}
