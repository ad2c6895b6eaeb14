// PNG previews: the chart's SVG rasterised on the server, at its size or a multiple, with its
// text drawn (a machine with fonts) and its colours where the SVG put them.

import { describe, it, expect } from 'vitest';
import { svgToPng } from '../../src/web/png.ts';

/** Width and height from a PNG's IHDR chunk. */
function pngSize(png: Buffer): { width: number; height: number } {
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

const SVG = `<svg xmlns="http://www.w3.org/2000/svg" width="120" height="60" viewBox="0 0 120 60">
<rect x="0" y="0" width="60" height="60" fill="#d55e00"/>
<text x="64" y="40" font-family="system-ui, sans-serif" font-size="24">Ab</text></svg>`;

describe('svgToPng', () => {
  it('draws the SVG at its own size, and at twice its size for downloads', () => {
    expect(pngSize(svgToPng(SVG))).toEqual({ width: 120, height: 60 });
    expect(pngSize(svgToPng(SVG, { scale: 2 }))).toEqual({ width: 240, height: 120 });
  });

  it('draws text: the PNG with text differs from the same drawing without it', () => {
    const without = svgToPng(SVG.replace(/<text[^]*<\/text>/, ''));
    expect(svgToPng(SVG).equals(without)).toBe(false);
  });

  it('throws on text that is not SVG', () => {
    expect(() => svgToPng('not an svg')).toThrow();
  });
});
