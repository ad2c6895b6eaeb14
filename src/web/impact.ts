// What resolutions did to a model, as the pages show it: its output before any resolution and
// now (with the effective sample size), and after each resolution that reaches it, in the order
// they were recorded, each point linked to its resolution. Every figure is the model's default
// run with the evidence the track record held at that point, computed (and cached) like any
// other view, so the numbers are the ones `credence run` printed then.

import { impactSteps, reaching, resolutionLog, evidenceIf, evidenceAsOf } from '../predictions/index.ts';
import type { Catalog, ImpactStep, PredictionState, ResolutionEvent, Status } from '../predictions/index.ts';
import type { ExtraEvidence } from '../model/graph.ts';
import type { Model } from '../model/load.ts';
import type { TimelineData, TimelinePoint } from './charts/index.ts';
import type { Panel } from './pages/panels.ts';
import type { Snapshot } from './live-project.ts';
import type { Site } from './site.ts';
import { viewFigures, type ViewFigures } from './figures.ts';

export type { ViewFigures };

export interface ImpactStepView extends TimelinePoint {
  figures: ViewFigures;
  /** The resolution this step follows (null for the start). */
  event: Pick<ResolutionEvent, 'predictionId' | 'version' | 'outcome' | 'at' | 'actor'> | null;
  statement: string | null;
}

export interface Impact {
  model: { id: string; title: string };
  /** The output as readers name it, e.g. "P(scheming)". */
  output: string;
  unit: string | null;
  before: ViewFigures;
  now: ViewFigures;
  steps: ImpactStepView[];
  chart: TimelineData;
  /** Predictions whose resolution reaches the model, with their status now. */
  predictions: { id: string; statement: string; status: Status }[];
  /** Resolution events in the record at the point shown (all of them unless pinned). */
  count: number;
}

/** The short name of a model's output: "P(scheming)" from "P(scheming), the first AIs …". */
export function outputName(model: Model): string {
  const q = model.nodes[model.output] ?? model.inputs[model.output];
  const label = q?.label ?? null;
  const p = label ? /^P\([^)]*\)/.exec(label) : null;
  return p ? p[0] : (label ?? model.output);
}

function outputUnit(model: Model): string | null {
  return (model.nodes[model.output] ?? model.inputs[model.output])?.unit ?? null;
}

/**
 * The catalog and every state the request sees, those of predictions no longer in the catalog
 * included: they count in the order of resolutions, which `asof` links number.
 */
export function recordOf(site: Site, snapshot: Snapshot): { catalog: Catalog; states: PredictionState[] } | null {
  const catalog = site.track?.catalog(snapshot).catalog;
  if (!site.track || !catalog) return null;
  const states = site.track.allStates();
  const have = new Set(states.map((s) => s.id));
  for (const p of catalog.predictions) if (!have.has(p.id)) states.push(site.track.state(p.id));
  return { catalog, states };
}

const OUTCOME_WORD: Record<string, string> = {
  yes: 'yes',
  no: 'no',
  ambiguous: 'ambiguous',
  annulled: 'annulled',
  unresolved: 'reopened',
};

/** One step as the page shows it: its point on the timeline, its figures and its resolution. */
function stepView(s: ImpactStep, f: ViewFigures): ImpactStepView {
  const e = s.event;
  return {
    label: e ? `${e.predictionId}: ${OUTCOME_WORD[e.outcome]}` : 'Start',
    detail: e
      ? `Prediction ${e.predictionId} ${e.outcome === 'unresolved' ? 'reopened' : `resolved ${e.outcome}`}`
      : 'Before any resolution',
    count: s.count,
    mean: f.mean,
    p5: f.p5,
    p95: f.p95,
    ess: f.ess,
    href: e ? `/predictions/${encodeURIComponent(e.predictionId)}#resolution-${e.version}` : null,
    figures: f,
    event: e && { predictionId: e.predictionId, version: e.version, outcome: e.outcome, at: e.at, actor: e.actor },
    statement: s.statement,
  };
}

/**
 * The model's resolution impact, or null when no prediction reaches it (or there is no track
 * record). `asof` pins it to the first `asof` resolution events. Pending when some step is still
 * computing after `budgetMs` (the computations go on; the panel's own URL waits for them).
 */
export async function impactOf(
  site: Site,
  snapshot: Snapshot,
  model: Model,
  budgetMs: number,
): Promise<{ state: 'ready'; value: Impact } | { state: 'pending' } | { state: 'error'; errors: string[] } | null> {
  const record = recordOf(site, snapshot);
  if (!record) return null;
  const linked = reaching(snapshot.project, record.catalog, model.id);
  if (linked.length === 0) return null;
  const states = record.states;
  const count = resolutionLog(states).length;
  const steps = impactSteps(snapshot.project, record.catalog, states, model.id);
  const figs = await viewFigures(
    site,
    snapshot,
    model.id,
    steps.map((s) => s.evidence),
    budgetMs,
  );
  const errors = figs.flatMap((f) => (f && 'errors' in f ? f.errors : []));
  if (errors.length > 0) return { state: 'error', errors: [...new Set(errors)] };
  if (figs.some((f) => f === null)) return { state: 'pending' };
  const output = outputName(model);
  const unit = outputUnit(model);
  const views = steps.map((s, i) => stepView(s, figs[i] as ViewFigures));
  const byId = new Map(states.map((s) => [s.id, s.status]));
  const first = views[0]!.figures;
  return {
    state: 'ready',
    value: {
      model: { id: model.id, title: model.title },
      output,
      unit,
      before: first,
      now: views[views.length - 1]!.figures,
      steps: views,
      chart: { output, unit, samples: first.samples, seed: first.seed, points: views.map(stripStep) },
      predictions: linked.map((p) => ({ id: p.id, statement: p.statement, status: byId.get(p.id) ?? 'open' })),
      count,
    },
  };
}

function stripStep(s: ImpactStepView): TimelinePoint {
  const { label, detail, count, mean, p5, p95, ess, href } = s;
  return { label, detail, count, mean, p5, p95, ess, href };
}

/** The impact as a page panel: ready, pending (filled from `src`), or the errors. */
export async function impactPanel(
  site: Site,
  snapshot: Snapshot,
  model: Model,
  src: string,
  budgetMs: number,
): Promise<Panel | null> {
  const r = await impactOf(site, snapshot, model, budgetMs);
  if (!r) return null;
  return {
    id: 'impact',
    title: `What the resolutions did to ${outputName(model)}`,
    partial: 'panel-impact',
    state: r.state,
    src,
    value: r.state === 'ready' ? r.value : null,
    errors: r.state === 'error' ? r.errors : [],
    extra: {},
    ms: 0,
    key: null,
  };
}

export interface Shift {
  model: { id: string; title: string };
  output: string;
  unit: string | null;
  before: ViewFigures;
  after: ViewFigures;
}

/** A model's output now and if prediction `id` had status `status` instead (null while computing). */
export async function whatIfStatus(
  site: Site,
  snapshot: Snapshot,
  model: Model,
  id: string,
  status: Status,
  budgetMs: number,
): Promise<Shift | null> {
  const record = recordOf(site, snapshot);
  if (!record) return null;
  const statuses = new Map(record.states.map((s) => [s.id, s.status]));
  const ev = (o: Status): ExtraEvidence[] => evidenceIf(snapshot.project, record.catalog, statuses, model.id, id, o);
  const figs = await viewFigures(site, snapshot, model.id, [ev(statuses.get(id) ?? 'open'), ev(status)], budgetMs);
  if (figs.some((f) => f === null || 'errors' in f)) return null;
  const [before, after] = figs as ViewFigures[];
  return {
    model: { id: model.id, title: model.title },
    output: outputName(model),
    unit: outputUnit(model),
    before: before!,
    after: after!,
  };
}

/**
 * What prediction `id` having status `status` would do, now: to the overall model's output and
 * to its linked model's (when they differ).
 */
export async function shiftFigures(
  site: Site,
  snapshot: Snapshot,
  linkedModelId: string,
  id: string,
  status: Status,
  budgetMs: number,
): Promise<Shift[]> {
  const out = await Promise.all(
    shownModels(site, snapshot, linkedModelId, id).map((m) => whatIfStatus(site, snapshot, m, id, status, budgetMs)),
  );
  return out.filter((x): x is Shift => x !== null);
}

/**
 * A model's output just before and just after one resolution event of prediction `id` (its
 * `version`-th; default: the one that set its current status). Null while computing, or when the
 * event does not exist.
 */
export async function aroundResolution(
  site: Site,
  snapshot: Snapshot,
  model: Model,
  id: string,
  budgetMs: number,
  version: number | null = null,
): Promise<(Shift & { event: ResolutionEvent }) | null> {
  const record = recordOf(site, snapshot);
  if (!record) return null;
  const state = site.track!.state(id);
  const event = version === null ? state.resolution : (state.resolutions.find((e) => e.version === version) ?? null);
  if (!event) return null;
  const log = resolutionLog(record.states);
  const i = log.findIndex((e) => e.id === event.id);
  if (i < 0) return null;
  const at = (k: number) => evidenceAsOf(snapshot.project, record.catalog, record.states, k, model.id);
  const figs = await viewFigures(site, snapshot, model.id, [at(i), at(i + 1)], budgetMs);
  if (figs.some((f) => f === null || 'errors' in f)) return null;
  return {
    model: { id: model.id, title: model.title },
    output: outputName(model),
    unit: outputUnit(model),
    before: figs[0] as ViewFigures,
    after: figs[1] as ViewFigures,
    event,
  };
}

/** The models a prediction's resolution reaches that its page shows: the overall model, then its linked model. */
export function shownModels(site: Site, snapshot: Snapshot, linkedModelId: string, id: string): Model[] {
  const record = recordOf(site, snapshot);
  if (!record) return [];
  const ids = [...new Set([site.headline, linkedModelId].filter((m): m is string => m !== null))];
  return ids
    .map((m) => snapshot.project.models.get(m))
    .filter(
      (m): m is Model => m !== undefined && reaching(snapshot.project, record.catalog, m.id).some((p) => p.id === id),
    );
}
