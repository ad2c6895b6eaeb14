// The model page: the checked request, the what-if form, and one panel per computation
// (distribution and inputs, tornado, sweeps, heatmap, crux, graph), each with its own URL.

import * as z from 'zod';
import { paramsOf, requestOf, BadRequest, type Query } from '../query.ts';
import type { CheckedRequest, FormInput } from './request.ts';
import { choices, listedInputs, type Choices, type ListedInputs } from './rows.ts';
import { settlePanels, type Panel, type PanelSpec } from './panels.ts';
import { pageQuery, panelSpecs } from './model-panels.ts';
import { inputStats } from '../format.ts';
import { DEFAULT_SEED, type RunRequest } from '../../analysis/request.ts';
import { SAMPLES } from '../../analysis/registry/index.ts';
import { FORMULAS_SHOWN, type PageReport } from '../../analysis/page-report.ts';
import type { Model } from '../../model/load.ts';
import type { Snapshot } from '../live-project.ts';
import type { Site } from '../site.ts';
import { formulasOf, type Formula } from './formulas.ts';
import { questionOf } from './headline.ts';
import { nextSlice } from '../slices.ts';
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
  /** The inputs the page lists (all, up to ROWS_SHOWN), by group. */
  listed: ListedInputs;
  /** The inputs the heatmap's pickers offer. */
  gridInputs: Choices<FormInput>;
  /** Formatted p5/median/p95 of each listed input once the run is in. */
  inputStats: Record<string, string[]> | null;
  /** The scenario in force, with its note. */
  scenario: { name: string; label: string; note: string | null } | null;
  /** Whether the reader changed anything from the model as written. */
  edited: boolean;
  defaults: { samples: number; seed: number };
  imports: { alias: string; modelId: string }[];
  /** Each node as mathematics with its terms' values (values once the report is in). */
  formulas: Formula[];
  /** How many of the model's nodes the formulas panel leaves out (past FORMULAS_SHOWN). */
  formulasHidden: number;
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

/** A model page before its computations: the checked request and the panels it shows. */
export interface PagePlan {
  model: Model;
  checked: CheckedRequest;
  params: PageParams;
  query: string;
  problem: string | null;
  specs: PanelSpec[];
  /** The panel asked for alone, if any (its computation may take as long as it needs). */
  only?: string;
}

/**
 * Check a page's request and choose its panels: the first screen's are computed with the page,
 * the rest when the reader reaches them. `gate` admits the computations not yet known.
 */
export async function planModelPage(
  site: Site,
  snapshot: Snapshot,
  model: Model,
  q: Query,
  only?: string,
  gate?: () => Promise<void>,
): Promise<PagePlan> {
  const { request, problem } = pageRequest(model.id, q);
  const params = paramsOf(q, PageParams, PAGE_KEYS);
  const extra = site.track?.evidence(snapshot, model.id) ?? [];
  const checked = await site.results.check(snapshot, { model: model.id, request, extra });
  await nextSlice();
  const query = pageQuery(checked.request, params);
  let specs = checked.ok ? panelSpecs(site, snapshot, model, checked, params) : [];
  if (!only) specs = specs.map((s) => (FIRST.has(s.id) ? s : { ...s, defer: true }));
  if (only) {
    specs = specs.filter((s) => s.id === only);
    if (specs.length === 0 && checked.ok) throw new BadRequest(`panel: there is no panel '${only}'`);
  }
  if (gate && specs.some((s) => !site.results.known(s.job, snapshot))) await gate();
  return { model, checked, params, query, problem, specs, only };
}

/** Whether every panel a page computes with it is ready now (the page can be sent whole at once). */
export const planReady = (site: Site, snapshot: Snapshot, plan: PagePlan): boolean =>
  plan.specs.every((s) => s.defer || site.results.peek(s.job, snapshot) !== undefined);

/** The page once its panels are in, or `waitMs` has passed (those still computing show progress). */
export async function finishModelPage(
  site: Site,
  snapshot: Snapshot,
  plan: PagePlan,
  waitMs: number,
): Promise<ModelPage> {
  const { model, checked, only } = plan;
  // A model too large for a panel's samples still gets its page: that panel says why.
  const panels = await settlePanels(site.results, snapshot, plan.specs, waitMs, { tooLarge: true, busy: !only });
  await nextSlice();
  const stats = panels.find((p) => p.id === 'input-stats');
  const formulasPanel = panels.find((p) => p.id === 'formulas');
  const report = formulasPanel?.state === 'ready' ? (formulasPanel.value as PageReport).report : null;
  const run = stats?.state === 'ready' ? (stats.value as PageReport) : null;
  const listed = listedInputs(checked.groups);
  const shown = new Set(listed.groups.flatMap((g) => g.inputs.map((i) => i.name)));
  return {
    model,
    checked,
    params: plan.params,
    query: plan.query,
    panels,
    panelById: Object.fromEntries(panels.map((p) => [p.id, p])),
    problem: plan.problem,
    listed,
    gridInputs: choices(checked.inputs, (i) => i.name, [plan.params.gx, plan.params.gy]),
    inputStats: run
      ? inputStats(
          run.report.nodes,
          run.inputs.filter((i) => shown.has(i.name)),
        )
      : null,
    scenario: scenarioOf(checked),
    edited: isEdited(checked.request),
    defaults: { samples: SAMPLES.run.default!, seed: DEFAULT_SEED },
    imports: Object.values(model.imports).map((i) => ({ alias: i.alias, modelId: i.modelId })),
    // Typeset only when the panel shows them (KaTeX is a large part of rendering a page).
    formulas: report ? formulasOf(snapshot.project, model, report) : [],
    formulasHidden: Math.max(0, Object.keys(model.nodes).length - FORMULAS_SHOWN),
    citations: model.sources.map(citation),
    question: questionOf(model),
    description: splitDescription(model.description),
  };
}

/** The scenario a checked request views, with its label and note. */
export const scenarioOf = (checked: CheckedRequest) =>
  checked.scenarios.find((s) => s.name === checked.request.scenario) ?? null;

/** Whether a request changes anything from the model as written. */
const isEdited = (r: RunRequest): boolean =>
  Boolean(r.scenario) ||
  Object.keys(r.set).length > 0 ||
  r.evidence !== 'default' ||
  r.samples !== SAMPLES.run.default ||
  r.seed !== DEFAULT_SEED ||
  r.sampler !== 'mc';

export async function modelPage(
  site: Site,
  snapshot: Snapshot,
  model: Model,
  q: Query,
  only?: string,
  gate?: () => Promise<void>,
): Promise<ModelPage> {
  const plan = await planModelPage(site, snapshot, model, q, only, gate);
  return finishModelPage(site, snapshot, plan, only ? 600_000 : site.budgetMs);
}
