// The engine's public entry: prepare a model once (graph, overrides, compiled plan), then run
// it as often as needed with different sample counts, seeds, samplers or supplied columns.

import { buildGraph, dependencyClosure, type ExtraEvidence, type Graph, type Probe } from '../model/graph.ts';
import { scenarioOverrides, type InputOverride } from '../model/overrides.ts';
import { buildPlan, type Plan, type Step } from './plan.ts';
import { sampleInto, type Sampler } from './sample.ts';
import { keyWords } from './random.ts';
import type { ColumnPool } from './column-pool.ts';
import type { Project } from '../model/project.ts';
import type { Result } from '../model/errors.ts';

export { SAMPLERS, type Sampler } from './sample.ts';

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
}

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
  /**
   * The weights that give a quantity's posterior: the run's weights, or null when the applied
   * evidence cannot inform it (it shares no random draw with any likelihood, so it is
   * independent of them and its posterior is exactly its prior).
   */
  weightsOf(name: string): Float64Array | null;
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
  if (!model) return { ok: false, errors: [{ code: 'unknown-model', message: `there is no model '${modelId}'` }] };
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

/** The steps a run computes: not those of given columns, unapplied evidence or unneeded quantities. */
function chooseSteps(
  graph: Graph,
  plan: Plan,
  opts: RunOptions,
  applied: ReadonlySet<string>,
  cols: Float64Array[],
): { steps: Step[]; needed: Set<string> | null } {
  const n = opts.samples;
  const skip = new Set<Step>();
  for (const [name, col] of Object.entries(opts.given ?? {})) {
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
  if (needed)
    for (const e of graph.entities)
      if (!needed.has(e.name)) for (const s of plan.stepsOf.get(e.name) ?? []) skip.add(s);
  return { steps: plan.steps.filter((s) => !skip.has(s)), needed };
}

/** Fill one step's column from the columns it reads. */
function runStep(step: Step, cols: Float64Array[], opts: RunOptions, sampler: Sampler, warnings: RunWarning[]): void {
  if (step.kind === 'eval' && step.alias !== null) return;
  const n = opts.samples;
  const out = cols[step.slot]!;
  if (step.kind === 'sample') {
    const key = { words: keyWords(opts.seed, step.key), dim: step.dim };
    const problem = sampleInto(step.spec, cols, out, n, key, sampler, step.reads);
    if (problem)
      warnings.push({
        node: step.owner,
        count: problem.count,
        message: `${problem.message}, in ${problem.count} of ${n} samples (those samples are NaN)`,
      });
  } else if (step.constant !== null) {
    out.fill(step.constant);
  } else {
    step.fn(cols, out, n);
  }
}

/** Multiply the applied likelihoods into the weights; an unusable likelihood gives weight 0. */
function weigh(evidence: readonly AppliedEvidence[], w: Float64Array, warnings: RunWarning[]): void {
  const n = w.length;
  w.fill(1);
  for (const { name, likelihood: lik } of evidence) {
    let bad = 0;
    for (let i = 0; i < n; i++) {
      const l = lik[i]!;
      if (l >= 0 && l < Infinity) w[i]! *= l;
      else {
        w[i] = 0;
        bad++;
      }
    }
    if (bad > 0)
      warnings.push({
        node: `evidence ${name}`,
        count: bad,
        message: `the likelihood is negative, infinite or NaN in ${bad} of ${n} samples (those samples get weight 0)`,
      });
  }
  if (!w.some((x) => x > 0)) {
    warnings.push({
      node: 'evidence',
      count: n,
      message: 'the applied evidence has likelihood 0 in every sample: the posterior is undefined',
    });
  }
}

function execute(graph: Graph, plan: Plan, scenario: string | null, opts: RunOptions): RunResult {
  const n = opts.samples;
  if (!Number.isInteger(n) || n < 1 || n > MAX_SAMPLES)
    throw new RangeError(`samples must be a whole number from 1 to ${MAX_SAMPLES}`);
  const sampler = opts.sampler ?? 'mc';
  const applied = new Set(selectEvidence(graph, opts.evidence ?? 'default').names);
  const cols: Float64Array[] = new Array(plan.slots);
  const { steps, needed } = chooseSteps(graph, plan, opts, applied, cols);
  const stepOfSlot = new Int32Array(plan.slots).fill(-1);
  steps.forEach((s, i) => (stepOfSlot[s.slot] = i));

  const pool = opts.pool;
  const owned: Float64Array[] = [];
  const take = (): Float64Array => {
    if (!pool) return new Float64Array(n);
    const col = pool.take(n);
    owned.push(col);
    return col;
  };
  // A node that only names another quantity shares its column rather than copying it.
  for (const step of steps) cols[step.slot] = step.kind === 'eval' && step.alias !== null ? cols[step.alias]! : take();
  const weights = applied.size > 0 ? take() : null;

  const warnings: RunWarning[] = [];
  for (const step of steps) runStep(step, cols, opts, sampler, warnings);
  const applies = graph.evidence.filter((ev) => applied.has(ev.name));
  const evidence = applies.map((ev) => ({ name: ev.name, likelihood: cols[plan.evidenceSlot.get(ev.name)!]! }));
  if (weights) weigh(evidence, weights, warnings);

  const evidenceSteps = applies.map((ev) => stepOfSlot[plan.evidenceSlot.get(ev.name)!]!);
  const informed = informedSteps(steps, stepOfSlot, evidenceSteps);
  const weightsOf = (name: string): Float64Array | null => {
    const slot = plan.entitySlot.get(name);
    if (!weights || slot === undefined) return weights;
    const step = stepOfSlot[slot]!;
    return step < 0 ? (informed.given ? weights : null) : informed.steps[step] ? weights : null;
  };
  const columns: Record<string, Float64Array> = {};
  for (const e of graph.entities)
    if (!needed || needed.has(e.name)) columns[e.name] = cols[plan.entitySlot.get(e.name)!]!;
  let released = false;
  const release = () => {
    if (released || !pool) return;
    released = true;
    pool.give(owned);
  };
  const { output, model } = graph;
  return {
    model: model.id,
    samples: n,
    seed: opts.seed,
    sampler,
    scenario,
    output,
    columns,
    evidence,
    weights,
    weightsOf,
    warnings,
    release,
  };
}

/**
 * Which steps the applied evidence can inform. The random draws are independent of each other
 * (each step has its own stream), so a step is independent of the likelihoods unless it reads,
 * however indirectly, a draw they read too. Given columns (from outside the run) count as one
 * draw together, so they inform each other whenever the likelihoods read any of them.
 */
function informedSteps(
  steps: readonly Step[],
  stepOfSlot: Int32Array,
  evidenceSteps: readonly number[],
): { steps: boolean[]; given: boolean } {
  const draws = new Set<number>();
  let given = false;
  const seen = new Set<number>(evidenceSteps);
  const stack = [...evidenceSteps];
  while (stack.length > 0) {
    const i = stack.pop()!;
    if (steps[i]!.kind === 'sample') draws.add(i);
    for (const slot of steps[i]!.reads) {
      const j = stepOfSlot[slot]!;
      if (j < 0) given = true;
      else if (!seen.has(j)) {
        seen.add(j);
        stack.push(j);
      }
    }
  }
  const out = steps.map(() => false);
  // Plan order is dependency order: a step's inputs are decided before it.
  steps.forEach((step, i) => {
    out[i] =
      draws.has(i) ||
      step.reads.some((slot) => {
        const j = stepOfSlot[slot]!;
        return j >= 0 ? out[j]! : given;
      });
  });
  return { steps: out, given };
}
