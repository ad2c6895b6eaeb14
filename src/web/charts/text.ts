// Text in charts without a layout engine (the server has none): font sizes by width, estimated
// advance widths, and wrapping into lines. Labels are wrapped, never cut: a word wider than a
// line breaks after a separator (_ . / -) or, failing that, between characters.

import type { Sel } from './dom.ts';

export const FONT = 'system-ui, -apple-system, Segoe UI, Roboto, Helvetica Neue, Arial, sans-serif';

/** Width below which charts switch to their narrow layout (labels above bars, fewer ticks). */
export const NARROW = 560;

export function isNarrow(width: number): boolean {
  return width < NARROW;
}

export interface FontSizes {
  title: number;
  subtitle: number;
  label: number;
  tick: number;
  small: number;
}

/** Font sizes in viewBox pixels; the charts are drawn at their display width, so these are CSS px. */
export function fonts(width: number): FontSizes {
  return isNarrow(width)
    ? { title: 14, subtitle: 11, label: 12, tick: 11, small: 11 }
    : { title: 16, subtitle: 12, label: 13, tick: 12, small: 11.5 };
}

// Average advance widths of a sans-serif face, in ems: enough to lay out labels without a
// layout engine. Deliberately generous so estimated text rarely overflows.
const NARROW_CHARS = new Set("ijlI.,:;|!'()[] ");

const WIDE_CHARS = new Set('mwMW@%');

/** Estimated width of `text` at `size` px. */
export function textWidth(text: string, size: number, bold = false): number {
  let em = 0;
  for (const c of text) {
    if (NARROW_CHARS.has(c)) em += 0.33;
    else if (WIDE_CHARS.has(c)) em += 0.92;
    else if (c >= 'A' && c <= 'Z') em += 0.7;
    else if (c >= '0' && c <= '9') em += 0.64;
    else em += 0.6;
  }
  return em * size * (bold ? 1.1 : 1);
}

/** Pieces of a word wider than `maxWidth`: broken after a separator where one fits, else between characters. */
export function breakWord(word: string, maxWidth: number, size: number, bold: boolean): string[] {
  const out: string[] = [];
  let rest = word;
  while (textWidth(rest, size, bold) > maxWidth && rest.length > 1) {
    let cut = 1;
    let atSeparator = 0;
    for (let k = 1; k < rest.length; k++) {
      if (textWidth(rest.slice(0, k), size, bold) > maxWidth) break;
      cut = k;
      if ('_./-'.includes(rest[k - 1]!)) atSeparator = k;
    }
    const at = atSeparator > cut / 2 ? atSeparator : cut;
    out.push(rest.slice(0, at));
    rest = rest.slice(at);
  }
  out.push(rest);
  return out;
}

/**
 * Break `text` into lines of at most `maxWidth` px at `size`: as many lines as it needs, every
 * character kept (a label is wrapped, never cut). Words wider than a line are broken.
 */
export function wrapLines(text: string, maxWidth: number, size: number, bold = false): string[] {
  const words = text
    .split(/\s+/)
    .filter(Boolean)
    .flatMap((w) => breakWord(w, maxWidth, size, bold));
  const lines: string[] = [];
  let line = '';
  for (const w of words) {
    const next = line ? `${line} ${w}` : w;
    if (!line || textWidth(next, size, bold) <= maxWidth) line = next;
    else {
      lines.push(line);
      line = w;
    }
  }
  if (line || lines.length === 0) lines.push(line);
  return lines;
}

/** The first of `candidates` that fits `maxWidth` on one line, else the shortest (to be wrapped). */
export function fitLabel(candidates: string[], maxWidth: number, size: number): string {
  for (const c of candidates) if (textWidth(c, size) <= maxWidth) return c;
  return candidates.reduce((a, c) => (textWidth(c, size) < textWidth(a, size) ? c : a), candidates[0] ?? '');
}

/** Append lines of text as <tspan>s (one per line) to a <text>. */
export function multiline(text: Sel<SVGTextElement>, lines: string[], lineHeight: number): Sel<SVGTextElement> {
  const x = text.attr('x') ?? '0';
  lines.forEach((l, i) => {
    text
      .append('tspan')
      .attr('x', x)
      .attr('dy', i === 0 ? 0 : lineHeight)
      .text(l);
  });
  return text;
}

/**
 * Append lines as <tspan>s centred on the <text>'s baseline: a one-line note stays where it
 * was, a wrapped one grows equally up and down (notes beside a bar stay level with it).
 */
export function centredLines(text: Sel<SVGTextElement>, lines: string[], lineHeight: number): Sel<SVGTextElement> {
  const x = text.attr('x') ?? '0';
  lines.forEach((l, i) => {
    text
      .append('tspan')
      .attr('x', x)
      .attr('dy', Math.round((i === 0 ? (-(lines.length - 1) * lineHeight) / 2 : lineHeight) * 100) / 100)
      .text(l);
  });
  return text;
}
