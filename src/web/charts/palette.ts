// Colours of the charts: the Okabe–Ito palette for marks, greys for ink, axes and grid, and
// for text in a series' colour a darker shade of the same hue that reads on white (WCAG AA).

import * as d3 from 'd3';

/** Okabe–Ito, the colour-blind-safe categorical palette. */
export const OKABE_ITO = {
  orange: '#E69F00',
  skyBlue: '#56B4E9',
  green: '#009E73',
  yellow: '#F0E442',
  blue: '#0072B2',
  vermillion: '#D55E00',
  purple: '#CC79A7',
  black: '#000000',
} as const;

/** Series colours in order of use (yellow left out: too light on white for lines and text). */
export const CATEGORICAL: readonly string[] = [
  OKABE_ITO.blue,
  OKABE_ITO.vermillion,
  OKABE_ITO.green,
  OKABE_ITO.orange,
  OKABE_ITO.purple,
  OKABE_ITO.skyBlue,
  OKABE_ITO.black,
];

export const INK = '#1a1a1a';

export const MUTED = '#555555';

export const AXIS = '#6b6b6b';

export const GRID = '#e4e4e4';

export const BACKGROUND = '#ffffff';

/** Prior and posterior: sky blue fill, vermillion outline; markers in the darker blue. */
export const PRIOR = OKABE_ITO.skyBlue;

export const PRIOR_DARK = OKABE_ITO.blue;

export const POSTERIOR = OKABE_ITO.vermillion;

/** WCAG relative luminance of a colour. */
export function luminance(color: string): number {
  const c = d3.rgb(color);
  const lin = (v: number) => {
    const s = v / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(c.r) + 0.7152 * lin(c.g) + 0.0722 * lin(c.b);
}

/** WCAG contrast ratio of two colours (1 to 21). */
export function contrast(a: string, b: string): number {
  const [x, y] = [luminance(a), luminance(b)];
  return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05);
}

const shades = new Map<string, string>();

/**
 * `color` for text on white: itself when it reads at 4.5:1 (WCAG AA), else the lightest shade
 * of the same hue (darkened in CIELAB lightness) that does. Marks keep the palette's colour;
 * their labels use this, so orange reads as a darker orange rather than 2.2:1 on white.
 */
export function textShade(color: string, on = BACKGROUND, ratio = 4.5): string {
  const key = `${color}|${on}|${ratio}`;
  let out = shades.get(key);
  if (out === undefined) {
    const lab = d3.lab(color);
    let c = d3.rgb(color).formatHex();
    while (contrast(c, on) < ratio && lab.l > 0) {
      lab.l = Math.max(0, lab.l - 1);
      c = d3.rgb(lab).formatHex();
    }
    shades.set(key, (out = c));
  }
  return out;
}
