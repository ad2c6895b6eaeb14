// Runs of one prepared model that differ from an ordinary run only in some columns, with
// common random numbers: the shared machinery of tornado, sweep, grid, threshold and Sobol.
//
// The ordinary ("base") run is made once. A run with some quantities replaced (an input pinned
// at a value, a Sobol column from another sample) receives, through `given`, the base columns
// of every quantity that does not depend on a replaced one, so those are neither resampled nor
// recomputed; everything downstream of a replaced quantity is recomputed, and an input whose
// distribution depends on a replaced quantity is redrawn from its own random stream (the same
// stream as in the base run, so it moves only as far as its parameters do).

import { appliedEvidence, runDefaults, type AnalysisRunOptions } from './meta.ts';
import { classifyInputs, resolveInputs, type ExcludedInput } from './inputs.ts';
import { type Prepared, type RunResult } from '../engine/run.ts';
import { dependencyClosure, dependentsOf, type Graph } from '../model/graph.ts';
import type { Result } from '../model/errors.ts';
import { meanWithInfluence, type MeanWithInfluence } from '../stats/estimate.ts';

export interface PinContext {
  prepared: Prepared;
  run: Required<AnalysisRunOptions>;
  base: RunResult;
  /** What the means depend on; the base run computed only these (see onlyNeeded). */
  keep: Set<string>;
  output: string;
  baseline: MeanWithInfluence;
  applied: string[];
  /** Inputs that vary and that the output (or the applied evidence) depends on. */
  candidates: string[];
  excluded: ExcludedInput[];
}

/** Make the base run and work out which inputs an analysis should look at. */
export function pinContext(prepared: Prepared, opts: AnalysisRunOptions): PinContext {
  const run = runDefaults(opts);
  const applied = appliedEvidence(prepared, run.evidence);
  const keep = dependencyClosure(prepared.graph, [prepared.graph.output], applied);
  const base = prepared.run({ ...run, given: onlyNeeded(prepared.graph, keep, run.samples) });
  const { candidates, excluded } = classifyInputs(prepared, base, applied);
  return {
    prepared,
    run,
    base,
    keep,
    output: base.output,
    baseline: meanWithInfluence(base.columns[base.output]!, base.weights),
    applied,
    candidates,
    excluded,
  };
}

/** The inputs to analyse: the requested ones, or every candidate. */
export function chooseInputs(ctx: PinContext, requested: string[] | undefined): Result<string[]> {
  if (!requested || requested.length === 0) return { ok: true, value: ctx.candidates };
  return resolveInputs(ctx.prepared, requested);
}

/**
 * `given` columns that make a run compute only the quantities in `keep` (which must contain
 * everything its members depend on): one shared column of zeros stands for every other
 * quantity, which is then neither sampled nor evaluated. Each quantity has its own random
 * stream, so leaving some out changes no other's values.
 */
export function onlyNeeded(graph: Graph, keep: Set<string>, n: number): Record<string, Float64Array> {
  const zero = new Float64Array(n);
  const given: Record<string, Float64Array> = {};
  for (const e of graph.entities) if (!keep.has(e.name)) given[e.name] = zero;
  return given;
}

/**
 * The `given` columns for a run in which `replace` takes the place of some columns: base
 * columns for everything that does not depend on a replaced quantity (and, when `keep` is
 * given, for everything outside it, which nothing that matters reads).
 */
export function givenFor(
  graph: Graph,
  base: RunResult,
  replace: Record<string, Float64Array>,
  keep?: Set<string>,
): Record<string, Float64Array> {
  const given = reuseColumns(graph, base, Object.keys(replace), keep);
  return Object.assign(given, replace);
}

/** The `given` columns that reuse a base run for every quantity not downstream of `changed`. */
export function reuseColumns(
  graph: Graph,
  base: RunResult,
  changed: Iterable<string>,
  keep?: Set<string>,
): Record<string, Float64Array> {
  const moved = dependentsOf(graph, changed);
  const given: Record<string, Float64Array> = {};
  for (const e of graph.entities)
    if ((!moved.has(e.name) || (keep && !keep.has(e.name))) && base.columns[e.name])
      given[e.name] = base.columns[e.name]!;
  return given;
}

/** Run with some quantities replaced by columns (common random numbers with the base run). */
function replacedRun(ctx: PinContext, replace: Record<string, Float64Array>): RunResult {
  return ctx.prepared.run({ ...ctx.run, given: givenFor(ctx.prepared.graph, ctx.base, replace, ctx.keep) });
}

/** The output mean with inputs pinned at values, everything else as in the base run. */
export function pinnedMean(ctx: PinContext, pins: Record<string, number>): MeanWithInfluence {
  const n = ctx.run.samples;
  const replace: Record<string, Float64Array> = {};
  for (const [name, v] of Object.entries(pins)) replace[name] = new Float64Array(n).fill(v);
  const r = replacedRun(ctx, replace);
  return meanWithInfluence(r.columns[r.output]!, r.weights);
}
