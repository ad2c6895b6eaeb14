// The panels of a model page: which computation each shows, at which samples, under which URL.
// The headline and the distribution chart share one computation (the output's alone); every
// other panel has its own, started when the reader reaches it.

import { canonicalQuery } from '../query.ts';
import type { CheckedRequest } from './request.ts';
import type { PanelSpec } from './panels.ts';
import { derive, distributionJob, jobFor } from '../jobs.ts';
import { DEFAULT_SEED, type RunRequest } from '../../analysis/request.ts';
import { SAMPLES, type AnalysisName, type Job } from '../../analysis/registry/index.ts';
import type { Model } from '../../model/load.ts';
import type { Snapshot } from '../live-project.ts';
import type { Site } from '../site.ts';
import type { SourcedChart } from '../charts/sources.ts';
import { downloadsOf } from './downloads.ts';
import { headlineSpec } from './headline.ts';
import { choices } from './rows.ts';
import type { PageParams } from './model.ts';

/** The canonical query of a page's view, with the page's own parameters. */
export const pageQuery = (req: RunRequest, extra: Record<string, string | undefined> = {}) =>
  canonicalQuery(req, extra, { samples: SAMPLES.run.default, seed: DEFAULT_SEED });

/** A panel's samples: the page's, but no more than the table's count for the analysis on a page. */
const pageSamples = (name: AnalysisName, samples: number) => Math.min(samples, SAMPLES[name].page);

/** What every panel of one view is made from. */
interface ViewContext {
  model: Model;
  checked: CheckedRequest;
  params: PageParams;
  src(panel: string): string;
  job<N extends AnalysisName>(name: N, own?: Record<string, unknown>): Job<N>;
  /** A job at the samples a page shows its analysis with. */
  analysis(name: AnalysisName, own?: Record<string, unknown>): Job;
  distribution(node?: string): Job<'distribution'>;
}

const withDownloads = (c: ViewContext, spec: PanelSpec, chart: SourcedChart): PanelSpec => ({
  ...spec,
  extra: { ...spec.extra, downloads: downloadsOf(c.model.id, spec.job, chart) },
});

/** The headline, the output's distribution and the inputs' percentiles (run when reached). */
function answerPanels(c: ViewContext): PanelSpec[] {
  const { model, checked } = c;
  const headline = headlineSpec(model, c.distribution(), c.src('headline'), checked.evidence.length);
  const view = checked.scenarios.find((x) => x.name === checked.request.scenario)?.label ?? null;
  headline.extra = { ...headline.extra, view };
  return [
    headline,
    withDownloads(
      c,
      {
        id: 'summary',
        title: 'Output distribution',
        partial: 'panel-summary',
        job: c.distribution(c.params.node),
        src: c.src('summary'),
        extra: { names: choices(checked.names, (n) => n, [c.params.node, checked.output]), output: checked.output },
      },
      'distribution',
    ),
    {
      id: 'input-stats',
      title: "The inputs' percentiles",
      partial: 'panel-input-stats',
      job: c.job('summary'),
      src: c.src('input-stats'),
      extra: { bare: true },
    },
  ];
}

/** What moves the output and where its uncertainty comes from. */
function sensitivityPanels(c: ViewContext): PanelSpec[] {
  const { params } = c;
  const scenarios = Object.keys(c.model.scenarios);
  const panel = (id: string, title: string, job: Job, chart: SourcedChart, extra?: Record<string, unknown>) =>
    withDownloads(c, { id, title, partial: `panel-${id}`, job, src: c.src(id), extra }, chart);
  const specs = [
    panel('tornado', 'What moves the output: tornado', c.analysis('tornado'), 'tornado'),
    panel('sobol', 'Where the uncertainty comes from: Sobol indices', c.analysis('sobol'), 'sobol'),
    panel('sweep', 'Sweeps', c.analysis('sweep'), 'sweep'),
    panel(
      'grid',
      'Two inputs together: heatmap',
      c.analysis('grid', params.gx && params.gy ? { inputs: [params.gx, params.gy] } : {}),
      'heatmap',
    ),
  ];
  if (scenarios.length > 0)
    specs.push(
      // The crux compares the views as the model defines them, without the page's edits.
      panel(
        'crux',
        'Where two views part: crux',
        c.analysis('crux', { set: {}, from: params.from, to: params.to }),
        'crux',
        {
          from: params.from ?? '',
          to: params.to ?? scenarios[0] ?? '',
        },
      ),
    );
  return specs;
}

/** The panels of a model view. */
export function panelSpecs(
  site: Site,
  snapshot: Snapshot,
  model: Model,
  checked: CheckedRequest,
  params: PageParams,
): PanelSpec[] {
  const req = checked.request;
  const job = <N extends AnalysisName>(name: N, own: Record<string, unknown> = {}): Job<N> =>
    jobFor(site.track, snapshot, name, derive(name, { ...req }, own));
  const c: ViewContext = {
    model,
    checked,
    params,
    src: (panel) => `/models/${model.id}/panels/${panel}${pageQuery(req, params)}`,
    job,
    analysis: (name, own = {}) => job(name, { samples: pageSamples(name, req.samples), ...own }),
    distribution: (node) => distributionJob(site.track, snapshot, { ...req }, node),
  };
  return [
    ...answerPanels(c),
    ...sensitivityPanels(c),
    // The formulas' values come with the inputs' percentiles: one run between the two panels.
    {
      id: 'formulas',
      title: 'How it is computed',
      partial: 'panel-formulas',
      job: job('summary'),
      src: c.src('formulas'),
    },
    withDownloads(
      c,
      {
        id: 'graph',
        title: 'How the model is built',
        partial: 'panel-graph',
        // Centred on the quantity the page shows (a graph past GRAPH_NODES is cut around it).
        job: job('graph', { node: params.node }),
        src: c.src('graph'),
      },
      'graph',
    ),
  ];
}
