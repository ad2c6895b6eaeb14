// The model page: the checked request, the what-if form, and one panel per computation
// (distribution and inputs, tornado, sweeps, heatmap, crux, graph), each with its own URL.

import * as z from 'zod';
import { canonicalQuery, paramsOf, requestOf, BadRequest, type Query } from '../query.ts';
import type { CheckedRequest } from './request.ts';
import { settlePanels, type Panel, type PanelSpec } from './panels.ts';
import { derive, distributionJob, jobFor } from '../jobs.ts';
import { inputStats } from '../format.ts';
import { DEFAULT_SEED, type RunRequest } from '../../analysis/request.ts';
import { SAMPLES, type AnalysisName, type Job } from '../../analysis/registry/index.ts';
import type { PageReport } from '../../analysis/page-report.ts';
import type { Model } from '../../model/load.ts';
import type { Snapshot } from '../live-project.ts';
import type { Site } from '../site.ts';
import type { RunReport } from '../../analysis/report.ts';
import type { SourcedChart } from '../charts/sources.ts';
import { downloadsOf } from './downloads.ts';
import { formulasOf, type Formula } from './formulas.ts';
import { headlineSpec, questionOf } from './headline.ts';
import { citation, type Citation } from '../source-documents.ts';

/**
 * Panels computed with the page: the headline and the output's distribution, one computation
 * between them. The others wait until the reader scrolls to them (the page's script asks for
 * those only once the first screen is in).
 */
const FIRST = new Set(['headline', 'summary']);

/** Parameters of the model page besides the run request. */
export const PAGE_KEYS = ['gx', 'gy', 'from', 'to', 'node'] as const;

const PageParams = z.object({
  gx: z.string().optional(),
  gy: z.string().optional(),
  from: z.string().optional(),
  to: z.string().optional(),
  node: z.string().optional(),
});
export type PageParams = z.infer<typeof PageParams>;

export interface ModelPage {
  model: Model;
  checked: CheckedRequest;
  params: PageParams;
  /** The canonical query of this view: the permalink. */
  query: string;
  panels: Panel[];
  panelById: Record<string, Panel>;
  /** A request problem shown above the form (bad samples, seed…), with the 400 status. */
  problem: string | null;
  /** Formatted p5/median/p95 of each input once the run is in. */
  inputStats: Record<string, string[]> | null;
  /** The scenario in force, with its note. */
  scenario: { name: string; label: string; note: string | null } | null;
  /** Whether the reader changed anything from the model as written. */
  edited: boolean;
  defaults: { samples: number; seed: number };
  imports: { alias: string; modelId: string }[];
  /** Each node as mathematics with its terms' values (values once the report is in). */
  formulas: Formula[];
  /** The model's sources with their documents' title, author and year. */
  citations: Citation[];
  /** The question the headline answers. */
  question: string;
  /** The description's first sentence (shown), and the rest (folded). */
  description: { lead: string; rest: string };
}

/** A description as its first sentence and the rest, so the page can fold the rest. */
export function splitDescription(text: string): { lead: string; rest: string } {
  const t = text.replace(/\s+/g, ' ').trim();
  const m = /^(.{20,300}?(?<!\b(?:i\.e|e\.g|etc|vs|cf))[.!?])\s+(.*)$/.exec(t);
  return m ? { lead: m[1]!, rest: m[2]! } : { lead: t, rest: '' };
}

/** A panel's samples: the page's, but no more than the table's count for the analysis on a page. */
const pageSamples = (name: AnalysisName, samples: number) => Math.min(samples, SAMPLES[name].page);

/** The run request of the page's URL; a bad parameter falls back to its default and is reported. */
export function pageRequest(model: string, q: Query): { request: RunRequest; problem: string | null } {
  try {
    return { request: requestOf('run', q, model, PAGE_KEYS), problem: null };
  } catch (e) {
    if (!(e instanceof BadRequest)) throw e;
    // Keep the what-if edits; fall back to the defaults for the bad parameter.
    const edits = new URLSearchParams([...q].filter(([k]) => k.startsWith('set.') || k === 'scenario'));
    try {
      return { request: requestOf('run', edits, model), problem: e.message };
    } catch {
      return { request: requestOf('run', new URLSearchParams(), model), problem: e.message };
    }
  }
}

/** The canonical query of a page's view, with the page's own parameters. */
export const pageQuery = (req: RunRequest, extra: Record<string, string | undefined> = {}) =>
  canonicalQuery(req, extra, { samples: SAMPLES.run.default, seed: DEFAULT_SEED });

/** The panels of a model view. */
export function panelSpecs(
  site: Site,
  snapshot: Snapshot,
  model: Model,
  checked: CheckedRequest,
  params: PageParams,
): PanelSpec[] {
  const req = checked.request;
  const src = (panel: string) => `/models/${model.id}/panels/${panel}${pageQuery(req, params)}`;
  const job = <N extends AnalysisName>(name: N, own: Record<string, unknown> = {}): Job<N> =>
    jobFor(site.track, snapshot, name, derive(name, { ...req }, own));
  const analysis = (name: AnalysisName, own: Record<string, unknown> = {}): Job =>
    job(name, { samples: pageSamples(name, req.samples), ...own });
  const scenarios = Object.keys(model.scenarios);
  const view = checked.scenarios.find((x) => x.name === req.scenario)?.label ?? null;
  const withDownloads = (spec: PanelSpec, chart: SourcedChart): PanelSpec => ({
    ...spec,
    extra: { ...spec.extra, downloads: downloadsOf(model.id, spec.job, chart) },
  });
  // The headline and the distribution chart share one computation (the output's alone); the
  // inputs' percentiles come from a run of their own, when the reader reaches the inputs.
  const distribution = (node?: string) => distributionJob(site.track, snapshot, { ...req }, node);
  const headline = headlineSpec(model, distribution(), src('headline'), checked.evidence.length);
  headline.extra = { ...headline.extra, view };
  const specs: PanelSpec[] = [
    headline,
    {
      id: 'summary',
      title: 'Output distribution',
      partial: 'panel-summary',
      job: distribution(params.node),
      src: src('summary'),
      extra: { names: checked.names, output: checked.output },
    },
    {
      id: 'input-stats',
      title: "The inputs' percentiles",
      partial: 'panel-input-stats',
      job: job('summary'),
      src: src('input-stats'),
      extra: { bare: true },
    },
    withDownloads(
      {
        id: 'tornado',
        title: 'What moves the output: tornado',
        partial: 'panel-tornado',
        job: analysis('tornado'),
        src: src('tornado'),
      },
      'tornado',
    ),
    withDownloads(
      {
        id: 'sobol',
        title: 'Where the uncertainty comes from: Sobol indices',
        partial: 'panel-sobol',
        job: analysis('sobol'),
        src: src('sobol'),
      },
      'sobol',
    ),
    withDownloads(
      { id: 'sweep', title: 'Sweeps', partial: 'panel-sweep', job: analysis('sweep'), src: src('sweep') },
      'sweep',
    ),
    withDownloads(
      {
        id: 'grid',
        title: 'Two inputs together: heatmap',
        partial: 'panel-grid',
        job: analysis('grid', params.gx && params.gy ? { inputs: [params.gx, params.gy] } : {}),
        src: src('grid'),
      },
      'heatmap',
    ),
  ];
  if (scenarios.length > 0) {
    specs.push(
      withDownloads(
        {
          id: 'crux',
          title: 'Where two views part: crux',
          partial: 'panel-crux',
          // The crux compares the views as the model defines them, without the page's edits.
          job: analysis('crux', { set: {}, from: params.from, to: params.to }),
          src: src('crux'),
          extra: { from: params.from ?? '', to: params.to ?? scenarios[0] ?? '' },
        },
        'crux',
      ),
    );
  }
  specs.push({
    id: 'formulas',
    title: 'How it is computed',
    partial: 'panel-formulas',
    job: job('run'),
    src: src('formulas'),
  });
  specs.push({
    id: 'graph',
    title: 'How the model is built',
    partial: 'panel-graph',
    job: job('graph'),
    src: src('graph'),
  });
  return specs;
}

export async function modelPage(
  site: Site,
  snapshot: Snapshot,
  model: Model,
  q: Query,
  only?: string,
  gate?: () => Promise<void>,
): Promise<ModelPage> {
  const { request, problem } = pageRequest(model.id, q);
  const params = paramsOf(q, PageParams, PAGE_KEYS);
  const extra = site.track?.evidence(snapshot, model.id) ?? [];
  const checked = await site.results.check(snapshot, { model: model.id, request, extra });
  const query = pageQuery(checked.request, params);
  let specs = checked.ok ? panelSpecs(site, snapshot, model, checked, params) : [];
  // The first screen's panels are computed at once; the rest when the reader reaches them.
  if (!only) specs = specs.map((s) => (FIRST.has(s.id) ? s : { ...s, defer: true }));
  if (only) {
    specs = specs.filter((s) => s.id === only);
    if (specs.length === 0 && checked.ok) throw new BadRequest(`panel: there is no panel '${only}'`);
  }
  if (gate && specs.some((s) => !site.results.known(s.job, snapshot))) await gate();
  // A model too large for a panel's samples still gets its page: that panel says why.
  const panels = await settlePanels(site.results, snapshot, specs, only ? 600_000 : site.budgetMs, {
    tooLarge: true,
    busy: !only,
  });
  const stats = panels.find((p) => p.id === 'input-stats');
  const formulasPanel = panels.find((p) => p.id === 'formulas');
  const report = formulasPanel?.state === 'ready' ? (formulasPanel.value as RunReport) : null;
  const run = stats?.state === 'ready' ? (stats.value as PageReport) : null;
  const scenario = checked.scenarios.find((s) => s.name === checked.request.scenario) ?? null;
  const r = checked.request;
  const edited =
    Boolean(r.scenario) ||
    Object.keys(r.set).length > 0 ||
    r.evidence !== 'default' ||
    r.samples !== SAMPLES.run.default ||
    r.seed !== DEFAULT_SEED ||
    r.sampler !== 'mc';
  return {
    model,
    checked,
    params,
    query,
    panels,
    panelById: Object.fromEntries(panels.map((p) => [p.id, p])),
    problem,
    inputStats: run ? inputStats(run.report.nodes, run.inputs) : null,
    scenario,
    edited,
    defaults: { samples: SAMPLES.run.default!, seed: DEFAULT_SEED },
    imports: Object.values(model.imports).map((i) => ({ alias: i.alias, modelId: i.modelId })),
    formulas: formulasPanel ? formulasOf(snapshot.project, model, report) : [],
    citations: model.sources.map(citation),
    question: questionOf(model),
    description: splitDescription(model.description),
  };
}
