// Runs of one prepared model that differ from an ordinary run only in some columns, with
// common random numbers: the shared machinery of tornado, sweep, grid, threshold and Sobol.
//
// The ordinary ("base") run is made once. A run with some quantities replaced (an input pinned
// at a value, a Sobol column from another sample) receives, through `given`, the base columns
// of every quantity that does not depend on a replaced one, so those are neither resampled nor
// recomputed; everything downstream of a replaced quantity is recomputed, and an input whose
// distribution depends on a replaced quantity is redrawn from its own random stream (the same
// stream as in the base run, so it moves only as far as its parameters do).

import { selectEvidence, type EvidenceSelection, type Prepared, type RunResult, type Sampler } from '../engine/run.ts';
import { refsOf } from '../model/expression.ts';
import { suggest } from '../model/yaml-source.ts';
import type { Graph } from '../model/graph.ts';
import type { CredenceError, Result } from '../model/errors.ts';
import { meanWithInfluence, type MeanWithInfluence } from './estimate.ts';
import { quantilesInPlace } from './quantiles.ts';

export interface AnalysisRunOptions {
  samples: number;
  seed: number;
  sampler?: Sampler;
  evidence?: EvidenceSelection;
}

/** What every analysis result says about the run it rests on. */
export interface AnalysisMeta {
  model: string;
  scenario: string | null;
  /** Inputs whose distribution a scenario or `--set` replaced, with the replacement text. */
  overrides: Record<string, string>;
  output: string;
  outputLabel: string | null;
  /** 'probability' when the output is a probability (display as percent or bits of log-odds). */
  outputScale: 'probability' | 'number';
  samples: number;
  seed: number;
  sampler: Sampler;
  /** Evidence applied to the means (empty when none is, or when the analysis ignores it). */
  evidence: string[];
}

export interface ExcludedInput {
  input: string;
  reason: 'constant' | 'unused';
}

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

export function runDefaults(o: AnalysisRunOptions): Required<AnalysisRunOptions> {
  return { samples: o.samples, seed: o.seed, sampler: o.sampler ?? 'mc', evidence: o.evidence ?? 'default' };
}

/** Make the base run and work out which inputs an analysis should look at. */
export function pinContext(prepared: Prepared, opts: AnalysisRunOptions): PinContext {
  const run = runDefaults(opts);
  const applied = appliedEvidence(prepared, run.evidence);
  const keep = meanAncestors(prepared.graph, applied);
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

export function meta(ctx: { prepared: Prepared; base: RunResult }, evidence: string[]): AnalysisMeta {
  const g = ctx.prepared.graph;
  const out = g.byName.get(ctx.base.output)!;
  const overrides: Record<string, string> = {};
  for (const e of g.entities) if (e.override !== null) overrides[e.name] = e.override;
  return {
    model: g.model.id,
    scenario: ctx.prepared.scenario,
    overrides,
    output: ctx.base.output,
    outputLabel: out.quantity.label,
    outputScale: outputScale(g, ctx.base.columns[ctx.base.output]!),
    samples: ctx.base.samples,
    seed: ctx.base.seed,
    sampler: ctx.base.sampler,
    evidence,
  };
}

/** A probability output: every value within [0, 1] and a unit or label that says so. */
export function outputScale(graph: Graph, col: Float64Array): 'probability' | 'number' {
  const q = graph.byName.get(graph.output)!.quantity;
  const says = /probab/i.test(q.unit ?? '') || /^\s*P\(/.test(q.label ?? '');
  if (!says) return 'number';
  for (let i = 0; i < col.length; i++) {
    const x = col[i]!;
    if (x < 0 || x > 1) return 'number';
  }
  return 'probability';
}

/** Names that (transitively) depend on any of `roots`, including the roots themselves. */
export function dependents(graph: Graph, roots: Iterable<string>): Set<string> {
  const out = new Set(roots);
  for (const e of graph.entities) if (!out.has(e.name) && e.deps.some((d) => out.has(d))) out.add(e.name);
  return out;
}

/** Names that `targets` (transitively) depend on, including the targets themselves. */
export function ancestors(graph: Graph, targets: Iterable<string>): Set<string> {
  const out = new Set<string>();
  const stack = [...targets];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (out.has(n)) continue;
    out.add(n);
    const e = graph.byName.get(n);
    if (e) stack.push(...e.deps);
  }
  return out;
}

/** What the means depend on: the output and the likelihoods of the applied evidence. */
export function meanAncestors(graph: Graph, applied: string[]): Set<string> {
  const roots = [graph.output];
  for (const ev of graph.evidence)
    if (applied.includes(ev.name))
      roots.push(
        ...refsOf(ev.expr)
          .map((r) => r.name)
          .filter((n) => graph.byName.has(n)),
      );
  return ancestors(graph, roots);
}

function classifyInputs(
  prepared: Prepared,
  base: RunResult,
  applied: string[],
): { candidates: string[]; excluded: ExcludedInput[] } {
  const used = meanAncestors(prepared.graph, applied);
  const candidates: string[] = [];
  const excluded: ExcludedInput[] = [];
  for (const name of prepared.inputs) {
    if (!used.has(name)) excluded.push({ input: name, reason: 'unused' });
    else if (isConstant(base.columns[name]!)) excluded.push({ input: name, reason: 'constant' });
    else candidates.push(name);
  }
  return { candidates, excluded };
}

export function isConstant(col: Float64Array): boolean {
  let first = NaN;
  for (let i = 0; i < col.length; i++) {
    const x = col[i]!;
    if (x - x !== 0) continue;
    if (first !== first) first = x;
    else if (x !== first) return false;
  }
  return true;
}

/**
 * Resolve input names as written by a user: a qualified name, or a local name that ends
 * exactly one qualified input name (`p_step` for `chain.p_step`).
 */
export function resolveInputs(prepared: Prepared, names: string[], where = '--inputs'): Result<string[]> {
  const all = prepared.inputs;
  const out: string[] = [];
  const errors: CredenceError[] = [];
  for (const raw of names) {
    const name = raw.trim();
    if (all.includes(name)) {
      out.push(name);
      continue;
    }
    const matches = all.filter((q) => q.endsWith(`.${name}`));
    if (matches.length === 1) out.push(matches[0]!);
    else if (matches.length > 1)
      errors.push({
        code: 'invalid-request',
        file: where,
        message: `'${name}' names several inputs (${matches.join(', ')}); write the qualified name`,
      });
    else {
      const node = prepared.graph.byName.get(name);
      const why = node
        ? `'${name}' is a node, not an input`
        : `'${name}' is not an input of model '${prepared.graph.model.id}'${suggest(name, all)}`;
      errors.push({ code: node ? 'not-an-input' : 'unknown-name', file: where, message: why });
    }
  }
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, value: [...new Set(out)] };
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
  const moved = dependents(graph, changed);
  const given: Record<string, Float64Array> = {};
  for (const e of graph.entities)
    if ((!moved.has(e.name) || (keep && !keep.has(e.name))) && base.columns[e.name])
      given[e.name] = base.columns[e.name]!;
  return given;
}

/** Run with some quantities replaced by columns (common random numbers with the base run). */
export function replacedRun(ctx: PinContext, replace: Record<string, Float64Array>): RunResult {
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

/** Percentiles of an input's own sampled column (finite values only). */
export function columnPercentiles(col: Float64Array, ps: readonly number[]): number[] {
  const finite = finiteValues(col);
  const order = ps.map((p, i) => [p, i] as const).sort((a, b) => a[0] - b[0]);
  const qs = quantilesInPlace(
    finite,
    order.map((o) => o[0]),
  );
  const out = new Array<number>(ps.length);
  order.forEach(([, i], k) => (out[i] = qs[k]!));
  return out;
}

/** A copy of the finite values of a column (a plain loop: typed-array filter with a callback is slow). */
export function finiteValues(col: Float64Array): Float64Array {
  let m = 0;
  for (let i = 0; i < col.length; i++) if (col[i]! - col[i]! === 0) m++;
  if (m === col.length) return col.slice();
  const out = new Float64Array(m);
  m = 0;
  for (let i = 0; i < col.length; i++) {
    const x = col[i]!;
    if (x - x === 0) out[m++] = x;
  }
  return out;
}

/** Share of a column at or below `v` (the percentile rank of a value). */
export function percentileRank(col: Float64Array, v: number): number {
  let below = 0;
  let finite = 0;
  for (let i = 0; i < col.length; i++) {
    const x = col[i]!;
    if (x - x !== 0) continue;
    finite++;
    if (x <= v) below++;
  }
  return finite > 0 ? below / finite : NaN;
}

export function labelOf(prepared: Prepared, name: string): string | null {
  return prepared.graph.byName.get(name)?.quantity.label ?? null;
}

/** Evenly spaced probabilities from `lo` to `hi` (inclusive), rounded to avoid 0.30000000000000004. */
export function spaced(lo: number, hi: number, points: number): number[] {
  if (points === 1) return [(lo + hi) / 2];
  return Array.from({ length: points }, (_, i) => Math.round((lo + ((hi - lo) * i) / (points - 1)) * 1e10) / 1e10);
}

export function warningsOf(r: RunResult): string[] {
  return r.warnings.map((w) => `${w.node}: ${w.message}`);
}

/** Applied evidence names of a selection, for analyses that state what they used. */
export function appliedEvidence(prepared: Prepared, sel: EvidenceSelection): string[] {
  return selectEvidence(prepared.graph, sel).names;
}
