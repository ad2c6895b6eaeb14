// How analysis numbers read to a person: probabilities in percent (differences in percentage
// points) or in bits of log-odds (log₂(p / (1 − p)); differences in bits), other outputs as
// plain numbers. JSON results always carry raw values; this is presentation only.

import { num } from './format.ts';
import { formatPercent, formatPoints } from '../analysis/format.ts';

export const DISPLAYS = ['percent', 'bits', 'number'] as const;
export type Display = (typeof DISPLAYS)[number];

/** The `--display` option of the analysis commands. */
export const DISPLAY_OPTION = {
  type: 'string',
  value: DISPLAYS.join('|'),
  help: 'How probabilities read: percent (default for probabilities), bits of log-odds, or plain numbers.',
} as const;

export function isDisplay(s: string): s is Display {
  return (DISPLAYS as readonly string[]).includes(s);
}

/** Percent for probability outputs, plain numbers otherwise. */
export function defaultDisplay(scale: 'probability' | 'number'): Display {
  return scale === 'probability' ? 'percent' : 'number';
}

export function log2Odds(p: number): number {
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  return Math.log2(p) - Math.log2(1 - p);
}

function signed(s: string, x: number): string {
  return x > 0 ? `+${s}` : s;
}

/** A level of the output (a mean). */
export function showLevel(x: number, d: Display): string {
  if (!Number.isFinite(x) && !(d === 'bits' && x >= 0 && x <= 1)) return num(x);
  switch (d) {
    case 'percent':
      return formatPercent(x);
    case 'bits':
      return `${signed(num(log2Odds(x), 3), log2Odds(x))} bits`;
    case 'number':
      return num(x);
  }
}

/** The change from level `a` to level `b`. */
export function showChange(a: number, b: number, d: Display): string {
  switch (d) {
    case 'percent':
      return formatPoints(b - a);
    case 'bits': {
      const x = log2Odds(b) - log2Odds(a);
      return `${signed(num(x, 3), x)} bits`;
    }
    case 'number':
      return signed(num(b - a), b - a);
  }
}

/** A difference already computed on the output's scale (a swing, a Shapley part). */
export function showDifference(x: number, d: Display): string {
  switch (d) {
    case 'percent':
      return formatPoints(x);
    case 'bits':
      return `${signed(num(x, 3), x)} bits`;
    case 'number':
      return signed(num(x), x);
  }
}

/** A standard error at level `at`: in percentage points, in bits (first order), or plain. */
export function showError(se: number, at: number, d: Display): string {
  if (!Number.isFinite(se)) return num(se);
  switch (d) {
    case 'percent':
      return `±${num(se * 100, 2)} pp`;
    case 'bits':
      return `±${num(se / (at * (1 - at) * Math.LN2), 2)} bits`;
    case 'number':
      return `±${num(se, 2)}`;
  }
}

/** A horizontal bar of `width` characters at most, proportional to |x| / max. */
export function bar(x: number, max: number, width = 24): string {
  if (!(max > 0) || !Number.isFinite(x)) return '';
  const n = Math.round((Math.abs(x) / max) * width);
  return '█'.repeat(n) || (x !== 0 ? '▏' : '');
}
