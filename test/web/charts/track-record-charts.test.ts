// The charts of predictions and their resolutions: calibration bins at the mean credence stated
// in them with Wilson whiskers, the resolution timeline of a model's output, and a prediction's
// credences over time (forecasts, their running median, the model's steps).

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHARTS, type ChartData } from '../../../src/web/charts/index.ts';
import { calibration as calibrationBins } from '../../../src/predictions/calibration.ts';
import { chartData, cleanup } from './fixtures.ts';
import { absX, absY, all, render, xMap, yMap } from './svg-reading.ts';

let data: ChartData;

beforeAll(() => {
  data = chartData();
});
afterAll(cleanup);

describe('calibration', () => {
  it('draws each bin at the mean credence stated in it, with a Wilson whisker and its count', () => {
    // Bin 50–60%: credences 0.5, 0.5, 0.53 (mean 0.51), two of three came true.
    // Bin 90–100%: credences 0.91, 0.99 (mean 0.95), both came true.
    const points = [
      { credence: 0.5, yes: true },
      { credence: 0.5, yes: false },
      { credence: 0.53, yes: true },
      { credence: 0.91, yes: true },
      { credence: 0.99, yes: true },
    ];
    const bins = calibrationBins(points);
    const root = render('calibration', bins);
    const pts = all(root, '.point');
    expect(pts).toHaveLength(2);
    expect(all(root, '.whisker')).toHaveLength(2);
    expect(all(root, '.count').map((c) => c.textContent)).toEqual(['n = 3', 'n = 2']);
    expect(pts.map((p) => Number(p.getAttribute('data-credence')))).toEqual([
      expect.closeTo(0.51, 12),
      expect.closeTo(0.95, 12),
    ]);
    const x = xMap(root);
    const y = yMap(root);
    expect(absX(pts[0]!, 'cx')).toBeCloseTo(x(0.51), 0);
    expect(absX(pts[0]!, 'cx')).not.toBeCloseTo(x(0.55), 0);
    expect(absY(pts[0]!, 'cy')).toBeCloseTo(y(2 / 3), 0);
    expect(absX(pts[1]!, 'cx')).toBeCloseTo(x(0.95), 0);
    // Wilson 95% for 2 of 3: (p + z²/2n ± z√(p(1−p)/n + z²/4n²)) / (1 + z²/n) = 0.2077 … 0.9385
    const w = pts[0]!.parentNode!.querySelector('.whisker')!;
    expect(Number(w.getAttribute('data-lo'))).toBeCloseTo(0.20765, 4);
    expect(Number(w.getAttribute('data-hi'))).toBeCloseTo(0.93851, 4);
    const diag = root.querySelector('.diagonal')!;
    expect(absX(diag, 'x1')).toBeCloseTo(x(0), 0);
    expect(absY(diag, 'y2')).toBeCloseTo(y(1), 0);
  });

  it('overlays several forecasters with a legend', () => {
    const bins = data.calibration as import('../../../src/predictions/calibration.ts').CalibrationBin[];
    const root = render('calibration', {
      series: [
        { name: 'author', bins },
        { name: 'alice', bins },
      ],
    });
    expect(all(root, '.point')).toHaveLength(2 * bins.filter((b) => b.count > 0).length);
    expect(all(root, '.legend-item')).toHaveLength(2);
  });
});

describe('timeline', () => {
  it('draws each step at its mean with its 90% interval, linked to its resolution, in order', () => {
    const d = data.timeline;
    const root = render('timeline', d);
    const pts = all(root, '.point');
    expect(pts.map((p) => Number(p.getAttribute('data-mean')))).toEqual(d.points.map((p) => p.mean));
    const y = yMap(root);
    pts.forEach((p, i) => expect(absY(p, 'cy')).toBeCloseTo(y(d.points[i]!.mean), 0));
    const w = all(root, '.whisker');
    expect(w.map((e) => [Number(e.getAttribute('data-lo')), Number(e.getAttribute('data-hi'))])).toEqual(
      d.points.map((p) => [p.p5, p.p95]),
    );
    expect(all(root, '.point-link').map((a) => a.getAttribute('data-href'))).toEqual(['/predictions/p1']);
    expect(all(root, '.trend')).toHaveLength(1);
  });
});

describe('credence', () => {
  it('draws each forecast, the median after each forecast and each model step at its credence and time', () => {
    const d = data.credence;
    const root = render('credence', d);
    const y = yMap(root);
    const of = (series: string) => all(root, `.series[data-series="${series}"] .point`);
    expect(of('alice').map((e) => Number(e.getAttribute('data-credence')))).toEqual([0.2, 0.45]);
    expect(of('bob').map((e) => Number(e.getAttribute('data-credence')))).toEqual([0.6]);
    // Medians after each forecast: 0.2; (0.2 + 0.6)/2; (0.45 + 0.6)/2.
    const medians = of('median').map((e) => Number(e.getAttribute('data-credence')));
    expect(medians[0]).toBe(0.2);
    expect(medians[1]).toBeCloseTo(0.4, 12);
    expect(medians[2]).toBeCloseTo(0.525, 12);
    const model = of('model');
    expect(model.map((e) => Number(e.getAttribute('data-credence')))).toEqual(d.implied.map((m) => m.implied));
    model.forEach((e, i) => expect(absY(e, 'cy')).toBeCloseTo(y(d.implied[i]!.implied), 0));
    // Time maps linearly: the start stands at \`from\`, the rule of this prediction's resolution at its time.
    const [t0, t1] = [Date.parse(d.from), Date.parse(d.resolutions[0]!.at)];
    const [x0, x1] = [absX(model[0]!, 'cx'), absX(all(root, '.resolution')[0]!, 'x1')];
    const x = (t: number) => x0 + ((t - t0) * (x1 - x0)) / (t1 - t0);
    expect(absX(model[1]!, 'cx')).toBeCloseTo(x(Date.parse(d.implied[1]!.at!)), 0);
    expect(absX(of('bob')[0]!, 'cx')).toBeCloseTo(x(Date.parse('2026-03-02T09:00:00.000Z')), 0);
    expect(all(root, '.series[data-series="author"] .step')).toHaveLength(1);
    expect(all(root, '.resolution')).toHaveLength(1);
    const t = CHARTS.credence.table(d);
    expect(t.rows.map((r) => r[1])).toEqual([
      'Author',
      'Model main',
      'alice',
      "Forecasters' median",
      'bob',
      "Forecasters' median",
      'Model main',
      'alice',
      "Forecasters' median",
      'Resolution',
    ]);
  });
});
