// The calibration chart's count labels, as the server draws them: however close two bins'
// points stand (mean credences 75% and 80%, the author and a forecaster on the same bins), no
// two labels' boxes intersect, at a phone's width and a desktop's, and each label stays above
// its own point. The browser's drawing of the same chart is checked with real glyph boxes in
// test/web/calibration-browser.test.ts.

import { describe, expect, it } from 'vitest';
import { renderSvg } from '../../../src/web/charts/svg.ts';
import { calibration as calibrationBins } from '../../../src/predictions/calibration.ts';
import { textWidth } from '../../../src/web/charts/text.ts';
import { parseSvg, translateOf } from './svg-reading.ts';

interface Box {
  text: string;
  left: number;
  right: number;
  top: number;
  bottom: number;
}

/** Offset of an element from the SVG's origin: the sum of its ancestors' translations. */
function offset(el: Element): [number, number] {
  let dx = 0;
  let dy = 0;
  for (let p = el.parentElement; p && p.tagName.toLowerCase() !== 'svg'; p = p.parentElement) {
    const [x, y] = translateOf(p);
    dx += x;
    dy += y;
  }
  return [dx, dy];
}

/**
 * A centred label's box: its estimated width, and DejaVu Sans's ascent and descent (0.93 and
 * 0.24 em) about the baseline.
 */
function boxOf(t: Element): Box {
  const [dx, dy] = offset(t);
  const size = Number(t.getAttribute('font-size'));
  const x = dx + Number(t.getAttribute('x'));
  const y = dy + Number(t.getAttribute('y'));
  const w = textWidth(t.textContent ?? '', size);
  expect(t.getAttribute('text-anchor')).toBe('middle');
  return {
    text: t.textContent ?? '',
    left: x - w / 2,
    right: x + w / 2,
    top: y - 0.93 * size,
    bottom: y + 0.24 * size,
  };
}

function intersect(a: Box, b: Box): boolean {
  return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
}

// One bin at 75% (came true) and one at 80% (did not), for each of two forecasters.
const bins = calibrationBins([
  { credence: 0.75, yes: true },
  { credence: 0.8, yes: false },
]);
const CASES = {
  'one series': bins,
  'two series': {
    series: [
      { name: 'author', bins },
      { name: 'alice', bins },
    ],
  },
};

describe('calibration count labels', () => {
  for (const [name, data] of Object.entries(CASES))
    for (const width of [390, 1280])
      it(`never overlap, ${name} at ${width} px`, () => {
        const root = parseSvg(renderSvg('calibration', data, { width }));
        const series = Array.from(root.querySelectorAll('.series'));
        const boxes: Box[] = [];
        for (const s of series) {
          const points = Array.from(s.querySelectorAll('.point'));
          const labels = Array.from(s.querySelectorAll('.count'));
          expect(labels).toHaveLength(2);
          labels.forEach((l, i) => {
            // Above its own point.
            expect(Number(l.getAttribute('x'))).toBeCloseTo(Number(points[i]!.getAttribute('cx')), 1);
            expect(Number(l.getAttribute('y'))).toBeLessThan(Number(points[i]!.getAttribute('cy')));
            expect(l.textContent).toMatch(/^(n = )?1$/);
          });
          boxes.push(...labels.map(boxOf));
        }
        expect(boxes).toHaveLength(2 * series.length);
        for (let i = 0; i < boxes.length; i++) {
          expect(boxes[i]!.top, 'inside the picture').toBeGreaterThanOrEqual(0);
          for (let j = i + 1; j < boxes.length; j++)
            expect(intersect(boxes[i]!, boxes[j]!), `labels ${i} and ${j} at ${width} px`).toBe(false);
        }
      });
});
