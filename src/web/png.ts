// Charts as PNG, for the places that take no SVG (social previews, blogs, chat): the chart's
// own SVG, rasterised on the server by resvg (a Rust renderer shipped as a prebuilt npm
// package, no browser). Text uses the machine's fonts; the charts ask for a sans-serif list, and
// resvg maps the generic family to the first of these it finds.

import { Resvg } from '@resvg/resvg-js';

const SANS = ['Liberation Sans', 'DejaVu Sans', 'Arial', 'Helvetica'];

export interface PngOptions {
  /** Pixels per SVG unit (2 for sharp downloads on high-density screens). */
  scale?: number;
  /** Paint this colour behind the drawing (charts draw on transparency). */
  background?: string;
}

/** The SVG drawn as a PNG at `scale` times its size. */
export function svgToPng(svg: string, options: PngOptions = {}): Buffer {
  const scale = options.scale ?? 1;
  const r = new Resvg(svg, {
    fitTo: scale === 1 ? { mode: 'original' } : { mode: 'zoom', value: scale },
    background: options.background ?? '#ffffff',
    font: { loadSystemFonts: true, defaultFontFamily: SANS[0], sansSerifFamily: SANS[0] },
    shapeRendering: 2,
    textRendering: 1,
  });
  return r.render().asPng();
}
