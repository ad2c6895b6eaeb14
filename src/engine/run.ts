// The engine's public entry: prepare a model once (graph, overrides, compiled plan), then run
// it as often as needed with different sample counts, seeds, samplers or supplied columns.

import { buildGraph, dependencyClosure, scenarioOverrides, type ExtraEvidence, type Graph, type InputOverride, type Probe } from '../model/graph.ts';
import { buildPlan, type Plan, type Step } from './plan.ts';
import { sampleInto, type Sampler } from './sample.ts';
import { streamFor } from './random.ts';
import { slotSteps, workSteps, type Board } from './team.ts';
import type { ColumnPool } from './column-pool.ts';
import type { Project } from '../model/project.ts';
import type { Result } from '../model/errors.ts';

export type { Sampler } from './sample.ts';

export const MAX_SAMPLES = 10_000_000;

export interface PrepareOptions {
  scenario?: string | null;
  /** Overrides on top of the scenario's (a `--set` or what-if edit wins over the scenario). */
  overrides?: InputOverride[];
  /** Evidence supplied at run time, e.g. resolved predictions. Applied unless evidence is 'none'. */
  extraEvidence?: ExtraEvidence[];
  /** Derived quantities evaluated per sample, returned among the columns under their names. */
  probes?: Probe[];
}

/** Which evidence to apply: the file's defaults, all, none, or the named entries. */
export type EvidenceSelection = 'default' | 'all' | 'none' | string[];

export interface RunOptions {
  samples: number;
  seed: number;
  sampler?: Sampler;
  /** Input columns supplied instead of sampled (Sobol matrices, pinned inputs); length = samples. */
  given?: Record<string, Float64Array>;
  evidence?: EvidenceSelection;
  /** Where the run's columns come from; `RunResult.release()` hands them back. */
  pool?: ColumnPool;
  /**
   * Compute only these quantities and what they and the applied evidence read; the result's
   * columns hold just those. Default: every quantity.
   */
  only?: readonly string[];
  /** Share the run's steps with another thread (team.ts); both threads pass the same options. */
  team?: TeamRun;
}

/**
 * One side of a run shared by two threads. The lead takes every column from its pool (which
 * must hold shared memory), hands them over with `share`, works, waits for every step and
 * applies the evidence. The helper works on the columns it was handed and returns when no step
 * is left to claim; its result holds its own warnings only.
 */
export type TeamRun =
  | { board: Board; share: (columns: (Float64Array | null)[], weights: Float64Array | null) => void }
  | { board: Board; columns: readonly (Float64Array | null)[] };

export interface RunWarning {
  node: string;
  count: number;
  message: string;
}

export interface AppliedEvidence {
  name: string;
  likelihood: Float64Array;
}

export interface RunResult {
  model: string;
  samples: number;
  seed: number;
  sampler: Sampler;
  scenario: string | null;
  /** Qualified name of the model's output. */
  output: string;
  /** Every input and node by qualified name, in evaluation order. */
  columns: Record<string, Float64Array>;
  evidence: AppliedEvidence[];
  /** Product of the applied likelihoods, or null when no evidence is applied. */
  weights: Float64Array | null;
  warnings: RunWarning[];
  /**
   * Hand the columns this run allocated back to the pool it took them from (a no-op without
   * one). The result's columns and weights must not be used afterwards.
   */
  release(): void;
}

export interface Prepared {
  graph: Graph;
  plan: Plan;
  scenario: string | null;
  /** Qualified names of the inputs, in evaluation order. */
  inputs: string[];
  /** Evidence entries this run can apply, with whether each applies by default. */
  evidence: { name: string; applied: boolean; note: string | null; text: string }[];
  run(opts: RunOptions): RunResult;
}

export function prepare(project: Project, modelId: string, opts: PrepareOptions = {}): Result<Prepared> {
  const model = project.models.get(modelId);
  if (!model) return { ok: false, errors: [{ file: modelId, line: 1, col: 1, message: `there is no model '${modelId}'` }] };
  const scenario = opts.scenario ?? null;
  const fromScenario = scenarioOverrides(model, scenario);
  if (!fromScenario.ok) return fromScenario;
  const overrides = [...fromScenario.value, ...(opts.overrides ?? [])];
  const graph = buildGraph(project, modelId, overrides, opts.extraEvidence ?? [], opts.probes ?? []);
  if (!graph.ok) return graph;
  const plan = buildPlan(graph.value);
  if (!plan.ok) return plan;
  const g = graph.value;
  const p = plan.value;
  return {
    ok: true,
    value: {
      graph: g,
      plan: p,
      scenario,
      inputs: g.entities.filter((e) => e.kind === 'input').map((e) => e.name),
      evidence: g.evidence.map((e) => ({ name: e.name, applied: e.applied, note: e.note, text: e.text })),
      run: (o) => execute(g, p, scenario, o),
    },
  };
}

/** The evidence names a selection applies; unknown names are an error for the caller to show. */
export function selectEvidence(graph: Graph, sel: EvidenceSelection): { names: string[]; unknown: string[] } {
  if (sel === 'none') return { names: [], unknown: [] };
  if (sel === 'all') return { names: graph.evidence.map((e) => e.name), unknown: [] };
  if (sel === 'default') return { names: graph.evidence.filter((e) => e.applied).map((e) => e.name), unknown: [] };
  const known = new Set(graph.evidence.map((e) => e.name));
  return { names: sel.filter((n) => known.has(n)), unknown: sel.filter((n) => !known.has(n)) };
}

function execute(graph: Graph, plan: Plan, scenario: string | null, opts: RunOptions): RunResult {
  const n = opts.samples;
  if (!Number.isInteger(n) || n < 1 || n > MAX_SAMPLES) throw new RangeError(`samples must be a whole number from 1 to ${MAX_SAMPLES}`);
  const sampler = opts.sampler ?? 'mc';
  const given = opts.given ?? {};
  const applied = new Set(selectEvidence(graph, opts.evidence ?? 'default').names);
  const skip = new Set<Step>();
  const cols: Float64Array[] = new Array(plan.slots);
  for (const [name, col] of Object.entries(given)) {
    const slot = plan.entitySlot.get(name);
    if (slot === undefined) throw new RangeError(`'${name}' is not a quantity of this model`);
    if (col.length !== n) throw new RangeError(`the column given for '${name}' has ${col.length} values, not ${n}`);
    cols[slot] = col;
    for (const s of plan.stepsOf.get(name) ?? []) skip.add(s);
  }
  for (const ev of graph.evidence) {
    if (!applied.has(ev.name)) for (const s of plan.stepsOf.get(`evidence:${ev.name}`) ?? []) skip.add(s);
  }
  const needed = opts.only ? dependencyClosure(graph, opts.only, [...applied]) : null;
  if (needed) for (const e of graph.entities) if (!needed.has(e.name)) for (const s of plan.stepsOf.get(e.name) ?? []) skip.add(s);
  const warnings: RunWarning[] = [];
  const pool = opts.pool;
  const owned: Float64Array[] = [];
  const take = (): Float64Array => {
    if (!pool) return new Float64Array(n);
    const col = pool.take(n);
    owned.push(col);
    return col;
  };
  const runStep = (step: Step) => {
    const out = cols[step.slot]!;
    if (step.kind === 'sample') {
      const problem = sampleInto(step.spec, cols, out, n, streamFor(opts.seed, step.key), sampler);
      if (problem) warnings.push({ node: step.owner, count: problem.count, message: `${problem.message}, in ${problem.count} of ${n} samples (those samples are NaN)` });
    } else if (step.constant !== null) {
      out.fill(step.constant);
    } else {
      step.fn(cols, out, n);
    }
  };
  const team = opts.team;
  const anyEvidence = graph.evidence.some((ev) => applied.has(ev.name));
  let weights: Float64Array | null = null;
  if (!team) {
    for (const step of plan.steps) {
      if (skip.has(step)) continue;
      cols[step.slot] = take();
      runStep(step);
    }
  } else if ('share' in team) {
    for (const step of plan.steps) if (!skip.has(step)) cols[step.slot] = take();
    if (anyEvidence) weights = take();
    team.share(Array.from(cols, (c) => c ?? null), weights);
    workSteps(team.board, plan.steps, skip, slotSteps(plan.steps, plan.slots), true, runStep);
  } else {
    team.columns.forEach((c, slot) => {
      if (c && !cols[slot]) cols[slot] = c;
    });
    workSteps(team.board, plan.steps, skip, slotSteps(plan.steps, plan.slots), false, runStep);
  }
  const columns: Record<string, Float64Array> = {};
  for (const e of graph.entities) if (!needed || needed.has(e.name)) columns[e.name] = cols[plan.entitySlot.get(e.name)!]!;

  const evidence: AppliedEvidence[] = [];
  const helper = team !== undefined && !('share' in team);
  if (anyEvidence && !helper) weights = (weights ?? take()).fill(1);
  for (const ev of graph.evidence) {
    if (helper || !applied.has(ev.name)) continue;
    const lik = cols[plan.evidenceSlot.get(ev.name)!]!;
    evidence.push({ name: ev.name, likelihood: lik });
    const w = weights!;
    let bad = 0;
    for (let i = 0; i < n; i++) {
      const l = lik[i]!;
      if (l >= 0 && l < Infinity) w[i]! *= l;
      else {
        w[i] = 0;
        bad++;
      }
    }
    if (bad > 0) warnings.push({ node: `evidence ${ev.name}`, count: bad, message: `the likelihood is negative, infinite or NaN in ${bad} of ${n} samples (those samples get weight 0)` });
  }
  if (weights && !weights.some((w) => w > 0)) {
    warnings.push({ node: 'evidence', count: n, message: 'the applied evidence has likelihood 0 in every sample: the posterior is undefined' });
  }
  let released = false;
  const release = () => {
    if (released || !pool) return;
    released = true;
    pool.give(owned);
  };
  return { model: graph.model.id, samples: n, seed: opts.seed, sampler, scenario, output: graph.output, columns, evidence, weights, warnings, release };
}
