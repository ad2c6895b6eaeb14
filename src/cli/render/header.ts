// The lines every analysis table starts and ends with: the model, its view and the run's settings
// at the top; the inputs left out, and why, at the bottom.

import type { AnalysisMeta } from '../../analysis/meta.ts';
import { num, compact, samplerName } from '../format.ts';

/** The header every sensitivity table starts with. */
export function header(title: string, m: AnalysisMeta, what: string): string[] {
  const setText = Object.entries(m.overrides).map(([k, v]) => `${k}=${v}`);
  const lines = [`${title} (${m.model})${m.scenario ? `, scenario ${m.scenario}` : ''}`];
  if (setText.length) lines.push(`overrides: ${setText.join(', ')}`);
  lines.push(`${what} of ${m.output}${m.outputLabel ? ` (${m.outputLabel})` : ''}`);
  lines.push(
    `${compact(m.samples)} samples, seed ${m.seed}, ${samplerName(m.sampler)}${m.evidence.length ? `, evidence applied: ${m.evidence.join(', ')}` : ''}`,
  );
  return lines;
}

export const pctl = (p: number) => `p${num(p * 100, 3)}`;

export function excludedNote(r: { excluded: { input: string; reason: string; as?: string }[] }): string[] {
  const constant = r.excluded.filter((e) => e.reason === 'constant').map((e) => e.input);
  const unused = r.excluded.filter((e) => e.reason === 'unused').map((e) => e.input);
  const out: string[] = [];
  if (constant.length) out.push(`not varied (fixed values): ${constant.join(', ')}`);
  const list = (xs: string[]) =>
    xs.length > 8 ? `${xs.slice(0, 8).join(', ')} and ${xs.length - 8} more (--json lists them)` : xs.join(', ');
  if (unused.length) out.push(`not analysed (the output does not depend on them): ${list(unused)}`);
  const same = r.excluded.filter((e) => e.reason === 'same-as').map((e) => `${e.input} (is ${e.as})`);
  if (same.length) out.push(`not varied on their own (each is another quantity under a second name): ${list(same)}`);
  return out.length ? ['', ...out] : [];
}
