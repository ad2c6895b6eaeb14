// The editor's results: the headline (the output's mean and 90% interval, after evidence when
// it applies), the distribution and the tornado, drawn by the page's own chart code. When the
// text has errors the last good results stay, marked as such.

import { drawChart } from '../charts.ts';
import { formatCount, formatInterval, formatValue } from '../../charts/format.ts';
import type { Headline } from '../../editor/evaluate.ts';
import type { TornadoData } from '../../charts/tornado.ts';

export interface ResultsView {
  showHeadline(h: Headline, ms: number): void;
  showTornado(t: TornadoData): void;
  /** Mark the shown results as out of date (the text has errors, or a run is on its way). */
  setState(state: 'current' | 'computing' | 'stale', note?: string): void;
}

/** An evidence entry's name as words: `evidence.report_2025` → "report 2025". */
const readable = (name: string) => name.slice(name.lastIndexOf('.') + 1).replace(/_/g, ' ');

function unitOf(h: Headline): string | null {
  return h.scale === 'probability' ? 'probability' : h.unit;
}

export function createResultsView(root: HTMLElement): ResultsView {
  const q = <T extends HTMLElement>(sel: string) => root.querySelector<T>(sel)!;
  const headline = q('#headline');
  const value = q('[data-headline-value]');
  const interval = q('[data-headline-interval]');
  const question = q('[data-headline-question]');
  const given = q('[data-headline-given]');
  const meta = q('[data-headline-meta]');
  const status = q('[data-results-status]');
  const distribution = q<HTMLElement>('[data-editor-chart="distribution"]');
  const tornado = q<HTMLElement>('[data-editor-chart="tornado"]');
  return {
    showHeadline(h, ms) {
      const d = h.distribution;
      const s = (d.posterior ?? d.prior).stats;
      const unit = unitOf(h);
      value.textContent = formatValue(s.mean, unit);
      interval.textContent = `90% interval ${formatInterval(s.p5, s.p95, unit).join(' to ')}`;
      question.textContent = h.label ?? h.title;
      given.textContent = d.posterior
        ? `Given the evidence (${h.evidence.map((e) => readable(e.name)).join(', ')}); before it, ${formatValue(d.prior.stats.mean, unit)}.`
        : 'No evidence applied: this is the prior.';
      meta.textContent = `${formatCount(d.samples)} samples · seed ${d.seed} · computed in your browser in ${Math.round(ms)} ms${h.warnings.length ? ` · ${h.warnings.join('; ')}` : ''}`;
      headline.dataset.mean = String(s.mean);
      drawChart(distribution, 'distribution', d);
    },
    showTornado(t) {
      drawChart(tornado, 'tornado', t);
    },
    setState(state, note) {
      root.dataset.state = state;
      status.textContent = note ?? '';
    },
  };
}
