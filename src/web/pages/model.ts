// The model page: the checked request, the what-if form, and one panel per computation
// (distribution and inputs, tornado, sweeps, heatmap, crux, graph), each with its own URL.

import * as z from 'zod';
import { PAGE_SAMPLES, type Method } from '../compute/analyses.ts';
import { canonicalQuery, paramsOf, runRequestOf, BadRequest, type Query } from '../query.ts';
import { checkRequest, type CheckedRequest } from './request.ts';
import { settlePanels, type Panel, type PanelSpec } from './panels.ts';
import type { RunRequest } from '../../analysis/request.ts';
import type { AnalysisOutput, Job, RunOutput } from '../compute/jobs.ts';
import type { TornadoResult } from '../../analysis/tornado.ts';
import { inputStats } from '../format.ts';
import { DEFAULT_SAMPLES, DEFAULT_SEED } from '../../analysis/request.ts';
import type { Model } from '../../model/load.ts';
import type { ExtraEvidence } from '../../model/graph.ts';
import type { Snapshot } from '../live-project.ts';
import type { Site } from '../site.ts';
import type { RunReport } from '../../analysis/report.ts';
import { formulasOf, type Formula } from './formulas.ts';
import { headlineSpec, questionOf } from './headline.ts';
import { citation, type Citation } from '../source-documents.ts';

/** Panels computed with the page; the others wait until the reader scrolls to them. */
const FIRST = new Set(['headline', 'summary', 'tornado']);

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

function lighter(req: RunRequest, method: Method | 'crux'): RunRequest {
  return { ...req, samples: Math.min(req.samples, PAGE_SAMPLES[method]) };
}

export function pageRequest(q: Query): { request: RunRequest; problem: string | null } {
  try {
    return { request: runRequestOf(q), problem: null };
  } catch (e) {
    if (!(e instanceof BadRequest)) throw e;
    // Keep the what-if edits; fall back to the defaults for the bad parameter.
    const edits = new URLSearchParams([...q].filter(([k]) => k.startsWith('set.') || k === 'scenario'));
    try {
      return { request: runRequestOf(edits), problem: e.message };
    } catch {
      return { request: runRequestOf(new URLSearchParams()), problem: e.message };
    }
  }
}

/** The panels of a model view; `only` restricts them to one (the panel's own URL). */
export function panelSpecs(
  model: Model,
  checked: CheckedRequest,
  params: PageParams,
  extra: ExtraEvidence[],
): PanelSpec[] {
  const req = checked.request;
  const base = { model: model.id, extra };
  const query = (p: Record<string, string | undefined> = {}) => canonicalQuery(req, { ...params, ...p });
  const src = (panel: string) => `/models/${model.id}/panels/${panel}${query()}`;
  const analysis = (method: Method, inputs: string[] | null): Job => ({
    ...base,
    kind: 'sensitivity',
    method,
    inputs,
    threshold: null,
    request: lighter(req, method),
  });
  const scenarios = Object.keys(model.scenarios);
  const from = params.from ?? '';
  const to = params.to ?? scenarios[0] ?? '';
  const view = checked.scenarios.find((x) => x.name === req.scenario)?.label ?? null;
  const headline = headlineSpec(model, req, extra, src('headline'));
  headline.extra = { ...headline.extra, view };
  const specs: PanelSpec[] = [
    headline,
    {
      id: 'summary',
      title: 'Output distribution',
      partial: 'panel-summary',
      job: { ...base, kind: 'run', node: params.node ?? null, request: req, brief: true },
      src: src('summary'),
    },
    {
      id: 'tornado',
      title: 'What moves the output: tornado',
      partial: 'panel-tornado',
      job: analysis('tornado', null),
      src: src('tornado'),
    },
    {
      id: 'sobol',
      title: 'Where the uncertainty comes from: Sobol indices',
      partial: 'panel-sobol',
      job: analysis('sobol', null),
      src: src('sobol'),
    },
    { id: 'sweep', title: 'Sweeps', partial: 'panel-sweep', job: analysis('sweep', null), src: src('sweep') },
    {
      id: 'grid',
      title: 'Two inputs together: heatmap',
      partial: 'panel-grid',
      job: analysis('grid', params.gx && params.gy ? [params.gx, params.gy] : null),
      src: src('grid'),
    },
  ];
  if (scenarios.length > 0) {
    specs.push({
      id: 'crux',
      title: 'Where two views part: crux',
      partial: 'panel-crux',
      job: {
        ...base,
        kind: 'crux',
        from: { scenario: from || null, set: {} },
        to: { scenario: to || null, set: {} },
        request: { ...lighter(req, 'crux'), scenario: null, set: {} },
      },
      src: src('crux'),
      extra: { from, to },
    });
  }
  specs.push({
    id: 'formulas',
    title: 'How it is computed',
    partial: 'panel-formulas',
    job: { ...base, kind: 'report', request: req },
    src: src('formulas'),
  });
  specs.push({
    id: 'graph',
    title: 'How the model is built',
    partial: 'panel-graph',
    job: { ...base, kind: 'graph', request: req },
    src: src('graph'),
  });
  return specs;
}

/**
 * The heatmap's default pair: the two inputs with the largest swings in the tornado (computed
 * first on every page, so usually cached), unless the reader chose a pair.
 */
async function withHeatmapPair(
  site: Site,
  snapshot: Snapshot,
  specs: PanelSpec[],
  req: RunRequest,
): Promise<PanelSpec[]> {
  const grid = specs.find((s) => s.id === 'grid');
  if (!grid || grid.defer || grid.job.kind !== 'sensitivity' || grid.job.inputs) return specs;
  // The same job as the page's tornado panel, so its cached result answers.
  const tornadoJob: Job = { ...grid.job, method: 'tornado', request: lighter(req, 'tornado') };
  const t = await site.results.get<AnalysisOutput<TornadoResult>>(tornadoJob, snapshot);
  const top = t.result.ok ? t.result.value.result.rows.slice(0, 2).map((r) => r.input) : [];
  if (top.length < 2) return specs;
  return specs.map((s) => (s === grid ? { ...s, job: { ...grid.job, inputs: top } } : s));
}

export async function modelPage(
  site: Site,
  snapshot: Snapshot,
  model: Model,
  q: Query,
  only?: string,
  gate?: () => Promise<void>,
): Promise<ModelPage> {
  const { request, problem } = pageRequest(q);
  const params = paramsOf(q, PageParams, PAGE_KEYS);
  const extra = site.track?.evidence(snapshot, model.id) ?? [];
  const checked = checkRequest(snapshot, model.id, request, extra);
  const query = canonicalQuery(checked.request, params);
  let specs = checked.ok ? panelSpecs(model, checked, params, extra) : [];
  // The first screen's panels are computed at once; the rest when the reader reaches them.
  if (!only) specs = specs.map((s) => (FIRST.has(s.id) ? s : { ...s, defer: true }));
  if (only) {
    specs = specs.filter((s) => s.id === only);
    if (specs.length === 0 && checked.ok) throw new BadRequest(`panel: there is no panel '${only}'`);
  }
  if (gate && specs.some((s) => !site.results.known(s.job, snapshot))) await gate();
  specs = await withHeatmapPair(site, snapshot, specs, checked.request);
  const panels = await settlePanels(site.results, snapshot, specs, only ? 600_000 : site.budgetMs);
  const summary = panels.find((p) => p.id === 'summary');
  const formulasPanel = panels.find((p) => p.id === 'formulas');
  const report = formulasPanel?.state === 'ready' ? (formulasPanel.value as { report: RunReport }).report : null;
  const run = summary?.state === 'ready' ? (summary.value as RunOutput) : null;
  const scenario = checked.scenarios.find((s) => s.name === checked.request.scenario) ?? null;
  const r = checked.request;
  const edited =
    Boolean(r.scenario) ||
    Object.keys(r.set).length > 0 ||
    r.evidence !== 'default' ||
    r.samples !== DEFAULT_SAMPLES ||
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
    defaults: { samples: DEFAULT_SAMPLES, seed: DEFAULT_SEED },
    imports: Object.values(model.imports).map((i) => ({ alias: i.alias, modelId: i.modelId })),
    formulas: formulasPanel ? formulasOf(snapshot.project, model, report) : [],
    citations: model.sources.map(citation),
    question: questionOf(model),
    description: splitDescription(model.description),
  };
}
