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

import { shapleyFromValues, shapleyPlan } from '../stats/shapley.ts';
import { prepare, type RunResult, type Sampler } from '../engine/run.ts';
import { dependencyClosure, scenarioOverrides, type InputOverride } from '../model/graph.ts';
import type { Project } from '../model/project.ts';
import type { Result } from '../model/errors.ts';
import { InfluenceSum, meanWithInfluence, differenceMcse, type MeanWithInfluence } from '../stats/estimate.ts';
import { givenFor, onlyNeeded, reuseColumns } from './pinning.ts';
import { appliedEvidence, outputScale, runDefaults, warningsOf, type AnalysisRunOptions } from './meta.ts';
import type { Graph } from '../model/graph.ts';

export interface CruxSide {
  /** A scenario name, or null for the model as written. */
  scenario: string | null;
  /** Overrides on top of the scenario's (later ones win). */
  overrides?: InputOverride[];
}

export interface CruxView {
  scenario: string | null;
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
}

export const CRUX_SAMPLES = 100_000;
/** Default budget of rows over all coalitions, and the fewest samples a coalition gets by default. */
export const CRUX_ROW_BUDGET = 3_200_000;
export const CRUX_MIN_SAMPLES = 10_000;

/** Default samples per coalition: 100,000 up to 32 coalitions, then an even share of 3.2 million rows (at least 10,000). */
export function cruxSamples(coalitions: number): number {
  return Math.max(CRUX_MIN_SAMPLES, Math.min(CRUX_SAMPLES, Math.floor(CRUX_ROW_BUDGET / Math.max(1, coalitions))));
}

function sideOverrides(project: Project, modelId: string, side: CruxSide): Result<Map<string, InputOverride>> {
  const model = project.models.get(modelId)!;
  const s = scenarioOverrides(model, side.scenario);
  if (!s.ok) return s;
  const map = new Map<string, InputOverride>();
  for (const o of [...s.value, ...(side.overrides ?? [])]) map.set(o.name, o);
  return { ok: true, value: map };
}

export function crux(
  project: Project,
  modelId: string,
  from: CruxSide,
  to: CruxSide,
  opts: CruxOptions,
): Result<CruxResult> {
  if (!project.models.has(modelId))
    return { ok: false, errors: [{ code: 'unknown-model', message: `there is no model '${modelId}'` }] };
  const fromMap = sideOverrides(project, modelId, from);
  if (!fromMap.ok) return fromMap;
  const toMap = sideOverrides(project, modelId, to);
  if (!toMap.ok) return toMap;
  const prepFrom = prepare(project, modelId, { overrides: [...fromMap.value.values()] });
  if (!prepFrom.ok) return prepFrom;
  const prepTo = prepare(project, modelId, { overrides: [...toMap.value.values()] });
  if (!prepTo.ok) return prepTo;
  const gFrom = prepFrom.value.graph;
  const gTo = prepTo.value.graph;

  const names = new Set([...fromMap.value.keys(), ...toMap.value.keys()]);
  const order = gFrom.entities.map((e) => e.name).filter((n) => names.has(n));
  // An input is configured the same way when its text is the same in both views (a view that
  // does not replace it has the model's own text).
  const textIn = (map: Map<string, InputOverride>, g: Graph, name: string) =>
    map.get(name)?.text ?? g.byName.get(name)!.quantity.text;
  const differ = order.filter((n) => textIn(fromMap.value, gFrom, n) !== textIn(toMap.value, gTo, n));
  const unchanged = order.filter((n) => !differ.includes(n));
  const shared = unchanged.map((n) => fromMap.value.get(n)).filter((o): o is InputOverride => o !== undefined);

  const applied = appliedEvidence(prepFrom.value, opts.evidence ?? 'default');

  // Inputs that no mixture of the two views lets reach the output or the applied evidence have
  // a part of exactly zero: they are listed, not played. Nothing else is computed either.
  const reach = dependencyClosure([gFrom, gTo], [gFrom.output], applied);
  const players = differ.filter((p) => reach.has(p));
  const noEffect = differ.filter((p) => !reach.has(p));
  const plan = shapleyPlan(players.length, {
    maxExact: opts.maxExact,
    permutations: opts.permutations,
    seed: opts.seed,
  });
  const run = runDefaults({ ...opts, samples: opts.samples ?? cruxSamples(plan.coalitions.length) });
  const n = run.samples;
  const rFrom = prepFrom.value.run({ ...run, given: onlyNeeded(gFrom, reach, n) });

  // Fast path: players with fixed-parameter distributions or constants are swapped as columns.
  const fast = players.every((p) => gFrom.byName.get(p)!.deps.length === 0 && gTo.byName.get(p)!.deps.length === 0);
  let toColumns: Record<string, Float64Array> = {};
  if (fast && players.length > 0) {
    const r = prepTo.value.run({ ...run, given: reuseColumns(gTo, rFrom, players, reach) });
    toColumns = Object.fromEntries(players.map((p) => [p, r.columns[p]!]));
  }
  const evaluate = (members: Uint8Array): Result<RunResult> => {
    if (fast) {
      const replace: Record<string, Float64Array> = {};
      players.forEach((p, i) => (replace[p] = members[i] ? toColumns[p]! : rFrom.columns[p]!));
      return { ok: true, value: prepFrom.value.run({ ...run, given: givenFor(gFrom, rFrom, replace, reach) }) };
    }
    const overrides = [...shared];
    for (const p of noEffect) {
      const o = fromMap.value.get(p);
      if (o) overrides.push(o);
    }
    players.forEach((p, i) => {
      const o = (members[i] ? toMap.value : fromMap.value).get(p);
      if (o) overrides.push(o);
    });
    const prep = prepare(project, modelId, { overrides });
    if (!prep.ok) return prep;
    return {
      ok: true,
      value: prep.value.run({ ...run, given: reuseColumns(prep.value.graph, rFrom, players, reach) }),
    };
  };

  const values: number[] = [];
  const sums = players.map(() => new InfluenceSum(n));
  const warnings = new Set(warningsOf(rFrom));
  let none: MeanWithInfluence | null = null;
  let all: MeanWithInfluence | null = null;
  let allRun: RunResult = rFrom;
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
  none ??= meanWithInfluence(rFrom.columns[rFrom.output]!, rFrom.weights);
  all ??= none;
  const sh = shapleyFromValues(plan, values);
  const difference = all.mean - none.mean;
  const parts: CruxPart[] = players.map((p, i) => {
    const mc = sums[i]!.mcse();
    const perm = sh.permutationSe?.[i] ?? 0;
    return {
      input: p,
      label: gFrom.byName.get(p)!.quantity.label,
      from: fromMap.value.get(p)?.text ?? gFrom.byName.get(p)!.quantity.text,
      to: toMap.value.get(p)?.text ?? gTo.byName.get(p)!.quantity.text,
      shapley: sh.values[i]!,
      mcse: Math.sqrt(mc * mc + perm * perm),
      share: difference !== 0 ? sh.values[i]! / difference : NaN,
    };
  });
  parts.sort((a, b) => Math.abs(b.shapley) - Math.abs(a.shapley) || a.input.localeCompare(b.input));
  const text = (m: Map<string, InputOverride>) => Object.fromEntries([...m.values()].map((o) => [o.name, o.text]));
  return {
    ok: true,
    value: {
      analysis: 'crux',
      model: modelId,
      output: rFrom.output,
      outputLabel: gFrom.byName.get(rFrom.output)!.quantity.label,
      outputScale:
        outputScale(gFrom, rFrom.columns[rFrom.output]!) === 'probability' &&
        outputScale(gTo, allRun.columns[allRun.output]!) === 'probability'
          ? 'probability'
          : 'number',
      samples: n,
      seed: run.seed,
      sampler: run.sampler,
      evidence: applied,
      from: { scenario: from.scenario, overrides: text(fromMap.value), mean: none.mean, mcse: none.mcse },
      to: { scenario: to.scenario, overrides: text(toMap.value), mean: all.mean, mcse: all.mcse },
      difference,
      differenceMcse: differenceMcse(none.influence, all.influence),
      method: plan.exact ? 'exact' : 'permutations',
      permutations: plan.permutations,
      coalitions: plan.coalitions.length,
      parts,
      unchanged,
      noEffect,
      warnings: [...warnings],
    },
  };
}
