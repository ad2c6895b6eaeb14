// The few pieces every chart module shares with the DOM it draws into: the d3 selection type,
// the SVG namespace, coordinates rounded for compact output, and tooltips.

import type * as d3 from 'd3';

export type Sel<E extends Element = SVGGElement> = d3.Selection<E, unknown, null, undefined>;

export const SVG_NS = 'http://www.w3.org/2000/svg';

/** A tooltip for a mark: an SVG <title> child (read by browsers on hover). */
export function tip<E extends Element>(sel: Sel<E>, text: string): Sel<E> {
  sel.append('title').text(text);
  return sel;
}

/** Round to 1/100 px so the SVG stays compact and deterministic. */
export function px(v: number): number {
  return Math.round(v * 100) / 100;
}
