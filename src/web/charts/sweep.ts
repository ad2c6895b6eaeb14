// `sweep`: the output mean as each input moves across its own percentiles (5th to 95th) with
// the others sampled. Up to six inputs share one chart with a legend (colour and dash per line);
// more are drawn as small multiples on a shared y axis, one panel per input.
//
// Data: `SweepResult` from `sweep(prepared, opts)` in src/analysis/sweep.ts (the API's
// `/api/models/:id/sensitivity?method=sweep` body).
//
// Classes: `.line` one path per input (with `data-input`) · `.point` one circle per computed
// point · `.baseline` the baseline mean (one per panel) · `.panel` one group per input in small
// multiples · `.panel-title` · `.x-axis`, `.y-axis`, `.axis-label` · `.legend-item`.
//
// The lines are drawn by sweep-series.ts, the small multiples by sweep-multiples.ts.

import * as d3 from 'd3';
import type { Chart, ChartSize, ChartTable } from './chart.ts';
import type { SweepResult, SweepSeries } from '../../analysis/sweep.ts';
import {
  frame,
  emptyNote,
  legend,
  xyLayout,
  xAxis,
  yAxis,
  tickCount,
  px,
  metaLine,
  fitLabel,
  CATEGORICAL,
  MUTED,
  type LegendItem,
  type Sel,
  type Frame,
} from './common.ts';
import { formatPercentile, formatValue, formatDelta, tickFormat, tickFormatter } from './format.ts';
import { outputName, outputUnit, type Units } from './tornado.ts';
import { drawSeries, xDomain, yDomain } from './sweep-series.ts';
import { multiples } from './sweep-multiples.ts';

export type { SweepResult };
export type SweepData = SweepResult & Units;

/** Up to this many inputs share one chart; more become small multiples. */
export const MAX_LINES = 6;

const ordinal = formatPercentile;

function single(fr: Frame, d: SweepData, top: number): void {
  const f = fr.fonts;
  const unit = outputUnit(d);
  const items: LegendItem[] = d.series.map((s, i) => ({
    label: s.label || s.input,
    color: CATEGORICAL[i % CATEGORICAL.length]!,
    symbol: i === 0 ? 'line' : 'dashed',
  }));
  items.push({ label: 'Baseline mean', color: MUTED, symbol: 'dashed' });
  const lg = fr.svg.append('g').attr('transform', `translate(${fr.pad},${px(top)})`) as Sel;
  const lh = legend(lg, items, fr.width - 2 * fr.pad, f);
  const y = d3.scaleLinear().domain(yDomain(d));
  const yLabel = `Mean of ${outputName(d)}`;
  const box = xyLayout(fr, {
    top: top + lh + 10,
    xLabel: 'Percentile of the swept input (its own distribution)',
    yLabel,
    yTickLabels: (h) => {
      const s = y.copy().range([h, 0]).nice(tickCount(h, 45));
      const t = s.ticks(tickCount(h, 45));
      return t.map(tickFormatter(s, t, unit));
    },
  });
  y.range([box.height, 0]).nice(tickCount(box.height, 45));
  const x = d3.scaleLinear().domain(xDomain(d)).range([0, box.width]);
  const plot = fr.svg
    .append('g')
    .attr('class', 'plot')
    .attr('transform', `translate(${px(box.left)},${px(box.top)})`);
  const xt = x.ticks(tickCount(box.width));
  xAxis(fr, box, x, xt, tickFormat(xt, 'probability'), 'Percentile of the swept input (its own distribution)');
  const yt = y.ticks(tickCount(box.height, 45));
  yAxis(
    fr,
    box,
    y,
    yt,
    tickFormatter(y, yt, unit),
    fitLabel(
      [
        unit ? `${yLabel} (${unit})` : yLabel,
        yLabel,
        `Mean of ${d.output}${unit ? ` (${unit})` : ''}`,
        `Mean of ${d.output}`,
      ],
      box.height,
      f.label,
    ),
  );
  drawSeries(plot as unknown as Sel, d, x, y, box.width, unit);
}

export const sweep: Chart<SweepData> = {
  title(d) {
    return `${outputName(d)} as each input moves across its range`;
  },

  render(svgEl, d, size: ChartSize) {
    const unit = outputUnit(d);
    const fr = frame(
      svgEl,
      size,
      this.title(d),
      `${metaLine(d)} · baseline mean ${formatValue(d.baseline.mean, unit)}`,
    );
    if (d.series.length <= MAX_LINES) single(fr, d, fr.top);
    else multiples(fr, d, fr.top);
    if (d.series.length === 0)
      emptyNote(fr, fr.top, fr.height - fr.pad, 'No input varies, so there is nothing to sweep.');
  },

  table(d): ChartTable {
    const unit = outputUnit(d);
    const ps = d.percentiles;
    const top = d.series[0];
    return {
      caption: `Mean of ${outputName(d)} with each input pinned at percentiles of its own distribution, the others sampled; baseline ${formatValue(d.baseline.mean, unit)}.${top ? ` The widest range is ${top.label || top.input} (${formatDelta(top.range, unit).replace('+', '')}).` : ''} ${metaLine(d)}.`,
      columns: ['Input', ...ps.map((p) => `At ${ordinal(p)}`)],
      rows: d.series.map((s: SweepSeries) => [
        s.label || s.input,
        ...ps.map((p) => formatValue(s.points.find((q) => Math.abs(q.percentile - p) < 1e-9)?.mean ?? NaN, unit)),
      ]),
    };
  },
};

export function sweepHeight(d: SweepData, width: number): number {
  if (d.series.length <= MAX_LINES) return Math.round(width < 560 ? width * 1.05 + 60 : width * 0.5 + 90);
  const inner = width - (width < 560 ? 16 : 28);
  const maxCols = Math.max(1, Math.min(d.series.length, Math.floor((inner - 64 + 14) / (130 + 14))));
  return (width < 560 ? 110 : 80) + Math.ceil(d.series.length / maxCols) * (width < 560 ? 130 : 150) + 50;
}
