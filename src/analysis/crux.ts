// Crux decomposition: why two views of one model disagree. The difference in the output mean
// between two configurations (a scenario, or none, plus `--set` overrides on each side) is
// attributed to the inputs they configure differently by Shapley values: each input's part is
// its average marginal effect over every order in which the inputs could be switched from the
// first view to the second. Exact (every coalition) up to 10 inputs; beyond that, sampled
// permutations in antithetic pairs. Either way the parts sum to the difference exactly, because
// every ordering telescopes from the first view's mean to the second's.
//
// Every coalition runs with the same seed, so the views share their random numbers and the
// parts differ by the inputs alone; each part's Monte Carlo error follows from the coalitions'
// influence vectors (see estimate.ts), plus the permutation sampling error when sampled.

import { shapleyFromValues, shapleyPlan, type ShapleyPlan } from '../stats/shapley.ts';
import { selectEvidence, type RunResult, type Sampler } from '../engine/run.ts';
import type { ExtraEvidence } from '../model/graph.ts';
import type { InputOverride } from '../model/overrides.ts';
import type { Project } from '../model/project.ts';
import { fail, type Result } from '../model/errors.ts';
import { InfluenceSum, meanWithInfluence, differenceMcse, type MeanWithInfluence } from '../stats/estimate.ts';
import { outputScale, runDefaults, viewLabel, warningsOf, type AnalysisRunOptions } from './meta.ts';
import { unknownEvidence } from './request.ts';
import { coalitionRunner, cruxViews, textIn, type CruxSide, type CruxViews } from './crux-views.ts';

export type { CruxSide } from './crux-views.ts';

export interface CruxView {
  scenario: string | null;
  /** How the view is named to a reader: its scenario's label, or the model as written. */
  label: string;
  /** Every input this view replaces, with its text. */
  overrides: Record<string, string>;
  mean: number;
  mcse: number;
}

export interface CruxPart {
  input: string;
  label: string | null;
  /** The input's distribution in each view (the model's own text when a view leaves it alone). */
  from: string;
  to: string;
  /** Shapley value: this input's share of to.mean − from.mean. */
  shapley: number;
  mcse: number;
  /** shapley / difference. */
  share: number;
}

export interface CruxResult {
  analysis: 'crux';
  model: string;
  output: string;
  outputLabel: string | null;
  outputScale: 'probability' | 'number';
  samples: number;
  seed: number;
  sampler: Sampler;
  evidence: string[];
  from: CruxView;
  to: CruxView;
  /** to.mean − from.mean; equals the sum of the parts. */
  difference: number;
  differenceMcse: number;
  method: 'exact' | 'permutations';
  permutations: number;
  /** Coalitions evaluated (model runs besides the two views' ordinary runs). */
  coalitions: number;
  /** Sorted by |shapley|, largest first. */
  parts: CruxPart[];
  /** Inputs a view replaces, but with the same text in both views (they contribute nothing). */
  unchanged: string[];
  /** Inputs the views set differently that cannot reach the output or the applied evidence (parts exactly 0). */
  noEffect: string[];
  warnings: string[];
}

export interface CruxOptions extends Omit<AnalysisRunOptions, 'samples'> {
  /** Samples per coalition; by default CRUX_SAMPLES, fewer when there are many coalitions (cruxSamples). */
  samples?: number;
  permutations?: number;
  maxExact?: number;
  /** Evidence from outside the model files (resolved predictions), applied in both views. */
  extraEvidence?: ExtraEvidence[];
}

export const CRUX_SAMPLES = 100_000;
/** Default budget of rows over all coalitions, and the fewest samples a coalition gets by default. */
const CRUX_ROW_BUDGET = 3_200_000;
const CRUX_MIN_SAMPLES = 10_000;

/** Default samples per coalition: 100,000 up to 32 coalitions, then an even share of 3.2 million rows (at least 10,000). */
export function cruxSamples(coalitions: number): number {
  return Math.max(CRUX_MIN_SAMPLES, Math.min(CRUX_SAMPLES, Math.floor(CRUX_ROW_BUDGET / Math.max(1, coalitions))));
}

/** The coalitions' output means, the parts' influence sums, and the two views' means. */
interface Played {
  values: number[];
  sums: InfluenceSum[];
  none: MeanWithInfluence;
  all: MeanWithInfluence;
  allRun: RunResult;
  warnings: Set<string>;
}

function play(
  plan: ShapleyPlan,
  players: string[],
  runner: ReturnType<typeof coalitionRunner>,
  n: number,
): Result<Played> {
  const { base, evaluate } = runner;
  const values: number[] = [];
  const sums = players.map(() => new InfluenceSum(n));
  const warnings = new Set(warningsOf(base));
  let none: MeanWithInfluence | null = null;
  let all: MeanWithInfluence | null = null;
  let allRun: RunResult = base;
  for (let c = 0; c < plan.coalitions.length; c++) {
    const members = plan.coalitions[c]!;
    const r = evaluate(members);
    if (!r.ok) return r;
    for (const w of warningsOf(r.value)) warnings.add(w);
    const m = meanWithInfluence(r.value.columns[r.value.output]!, r.value.weights);
    values.push(m.mean);
    const coef = plan.coef[c]!;
    players.forEach((_, p) => sums[p]!.add(coef[p]!, m.influence));
    const size = members.reduce((s, x) => s + x, 0);
    if (size === 0) none = m;
    if (size === players.length) {
      all = m;
      allRun = r.value;
    }
  }
  // With no player the two views have the same output mean: a single coalition is both.
  none ??= meanWithInfluence(base.columns[base.output]!, base.weights);
  return { ok: true, value: { values, sums, none, all: all ?? none, allRun, warnings } };
}

function parts(v: CruxViews, plan: ShapleyPlan, p: Played): CruxPart[] {
  const sh = shapleyFromValues(plan, p.values);
  const difference = p.all.mean - p.none.mean;
  const out = v.players.map((name, i): CruxPart => {
    const mc = p.sums[i]!.mcse();
    const perm = sh.permutationSe?.[i] ?? 0;
    return {
      input: name,
      label: v.from.graph.byName.get(name)!.quantity.label,
      from: textIn(v.from, v.fromSet, name),
      to: textIn(v.to, v.toSet, name),
      shapley: sh.values[i]!,
      mcse: Math.sqrt(mc * mc + perm * perm),
      share: difference !== 0 ? sh.values[i]! / difference : NaN,
    };
  });
  return out.sort((a, b) => Math.abs(b.shapley) - Math.abs(a.shapley) || a.input.localeCompare(b.input));
}

/** The two views and the players between them, with the evidence that --evidence names. */
function viewsFor(
  project: Project,
  modelId: string,
  from: CruxSide,
  to: CruxSide,
  opts: CruxOptions,
): Result<CruxViews & { applied: string[] }> {
  let unknown: string[] = [];
  const views = cruxViews(
    project,
    modelId,
    { from, to },
    (p) => {
      const sel = selectEvidence(p.graph, opts.evidence ?? 'default');
      unknown = sel.unknown;
      return sel.names;
    },
    opts.extraEvidence ?? [],
  );
  if (!views.ok || unknown.length === 0) return views;
  return fail(
    unknownEvidence(
      modelId,
      unknown,
      views.value.from.evidence.map((e) => e.name),
    ),
  );
}

/** One side as the result shows it; a second view that is the first with overrides on top is named as such. */
function viewOf(
  model: Parameters<typeof viewLabel>[0],
  sides: { from: CruxSide; to: CruxSide },
  side: CruxSide,
  set: Map<string, InputOverride>,
  m: MeanWithInfluence,
): CruxView {
  const { from, to } = sides;
  const changed = side === to && to.scenario === from.scenario && (to.overrides?.length ?? 0) > 0;
  return {
    scenario: side.scenario,
    label: `${viewLabel(model, side.scenario)}${changed ? ' with the changes' : ''}`,
    overrides: Object.fromEntries([...set.values()].map((o) => [o.name, o.text])),
    mean: m.mean,
    mcse: m.mcse,
  };
}

export function crux(
  project: Project,
  modelId: string,
  from: CruxSide,
  to: CruxSide,
  opts: CruxOptions,
): Result<CruxResult> {
  const model = project.models.get(modelId);
  if (!model) return fail({ code: 'unknown-model', message: `there is no model '${modelId}'` });
  const views = viewsFor(project, modelId, from, to, opts);
  if (!views.ok) return views;
  const v = views.value;
  const plan = shapleyPlan(v.players.length, {
    maxExact: opts.maxExact,
    permutations: opts.permutations,
    seed: opts.seed,
  });
  const run = runDefaults({ ...opts, samples: opts.samples ?? cruxSamples(plan.coalitions.length) });
  const runner = coalitionRunner(project, v, run);
  const played = play(plan, v.players, runner, run.samples);
  if (!played.ok) return played;
  const p = played.value;
  const base = runner.base;
  const probability = (g: CruxViews['from'], r: RunResult) =>
    outputScale(g.graph, r.columns[r.output]!) === 'probability';
  const view = (side: CruxSide, set: Map<string, InputOverride>, m: MeanWithInfluence) =>
    viewOf(model, { from, to }, side, set, m);
  return {
    ok: true,
    value: {
      analysis: 'crux',
      model: modelId,
      output: base.output,
      outputLabel: v.from.graph.byName.get(base.output)!.quantity.label,
      outputScale: probability(v.from, base) && probability(v.to, p.allRun) ? 'probability' : 'number',
      samples: run.samples,
      seed: run.seed,
      sampler: run.sampler,
      evidence: v.applied,
      from: view(from, v.fromSet, p.none),
      to: view(to, v.toSet, p.all),
      difference: p.all.mean - p.none.mean,
      differenceMcse: differenceMcse(p.none.influence, p.all.influence),
      method: plan.exact ? 'exact' : 'permutations',
      permutations: plan.permutations,
      coalitions: plan.coalitions.length,
      parts: parts(v, plan, p),
      unchanged: v.unchanged,
      noEffect: v.noEffect,
      warnings: [...p.warnings],
    },
  };
}
