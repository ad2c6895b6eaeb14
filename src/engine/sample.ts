// Fill a column from a distribution: plain Monte Carlo with direct samplers, or Latin
// hypercube (one draw per stratum of probability 1/n, then the quantile function).
// Parameters that vary by row are checked row by row; impossible rows become NaN and are counted.

import { DISTS, fillFixed } from './distributions.ts';
import type { Stream } from './random.ts';
import type { DistSpec, Operand } from './plan.ts';

export type Sampler = 'mc' | 'lhs';

export interface SampleProblem {
  count: number;
  message: string;
}

const val = (o: Operand, cols: readonly Float64Array[], i: number) => ('const' in o ? o.const : cols[o.slot]![i]!);

/** Stratified uniforms: a random permutation of the n strata, jittered within each. */
export function lhsUniforms(rng: Stream, n: number): Float64Array {
  const perm = new Int32Array(n);
  for (let i = 0; i < n; i++) perm[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const t = perm[i]!;
    perm[i] = perm[j]!;
    perm[j] = t;
  }
  const u = new Float64Array(n);
  for (let i = 0; i < n; i++) u[i] = (perm[i]! + rng.uniform()) / n;
  return u;
}

/**
 * Draw n values of `spec` into `out`. Returns the rows whose parameters were impossible
 * (they hold NaN), with one example of why.
 */
export function sampleInto(
  spec: DistSpec,
  cols: readonly Float64Array[],
  out: Float64Array,
  n: number,
  rng: Stream,
  sampler: Sampler,
): SampleProblem | null {
  const problem = { count: 0, message: '' };
  if (sampler === 'lhs') {
    const u = lhsUniforms(rng, n);
    for (let i = 0; i < n; i++) out[i] = quantileAt(spec, cols, i, u[i]!, problem);
  } else if (spec.dist !== 'mixture' && spec.params.every((p) => 'const' in p)) {
    const [p0 = 0, p1 = 0, p2 = 0] = spec.params.map((p) => (p as { const: number }).const);
    fillFixed(spec.dist, p0, p1, p2, rng, out, n);
  } else {
    for (let i = 0; i < n; i++) out[i] = drawAt(spec, cols, i, rng, problem);
  }
  return problem.count > 0 ? problem : null;
}

function pickComponent(
  spec: DistSpec & { dist: 'mixture' },
  cols: readonly Float64Array[],
  i: number,
  u: number,
): { k: number; lo: number; w: number } | null {
  const m = spec.components.length;
  let total = 0;
  const ws: number[] = [];
  for (let k = 0; k < m; k++) {
    const w = spec.weights ? val(spec.weights[k]!, cols, i) : 1;
    if (!(w >= 0) || !Number.isFinite(w)) return null;
    ws.push(w);
    total += w;
  }
  if (!(total > 0)) return null;
  let acc = 0;
  for (let k = 0; k < m; k++) {
    const w = ws[k]! / total;
    if (u < acc + w || k === m - 1) return { k, lo: acc, w };
    acc += w;
  }
  return null;
}

function note(problem: SampleProblem, message: string): number {
  if (problem.count++ === 0) problem.message = message;
  return NaN;
}

function drawAt(spec: DistSpec, cols: readonly Float64Array[], i: number, rng: Stream, problem: SampleProblem): number {
  if (spec.dist === 'mixture') {
    const pick = pickComponent(spec, cols, i, rng.uniform());
    if (!pick) return note(problem, 'mixture weights must be non-negative and not all zero');
    const c = spec.components[pick.k]!;
    return 'dist' in c ? drawAt(c, cols, i, rng, problem) : val(c, cols, i);
  }
  const impl = DISTS[spec.dist];
  const p0 = spec.params[0] ? val(spec.params[0], cols, i) : 0;
  const p1 = spec.params[1] ? val(spec.params[1], cols, i) : 0;
  const p2 = spec.params[2] ? val(spec.params[2], cols, i) : 0;
  const why = impl.check(p0, p1, p2);
  if (why) return note(problem, `${impl.signature}: ${why}`);
  return impl.sample(rng, p0, p1, p2);
}

function quantileAt(
  spec: DistSpec,
  cols: readonly Float64Array[],
  i: number,
  u: number,
  problem: SampleProblem,
): number {
  if (spec.dist === 'mixture') {
    const pick = pickComponent(spec, cols, i, u);
    if (!pick) return note(problem, 'mixture weights must be non-negative and not all zero');
    const c = spec.components[pick.k]!;
    const inner = Math.min(Math.max((u - pick.lo) / pick.w, Number.MIN_VALUE), 1 - Number.EPSILON / 2);
    return 'dist' in c ? quantileAt(c, cols, i, inner, problem) : val(c, cols, i);
  }
  const impl = DISTS[spec.dist];
  const p0 = spec.params[0] ? val(spec.params[0], cols, i) : 0;
  const p1 = spec.params[1] ? val(spec.params[1], cols, i) : 0;
  const p2 = spec.params[2] ? val(spec.params[2], cols, i) : 0;
  const why = impl.check(p0, p1, p2);
  if (why) return note(problem, `${impl.signature}: ${why}`);
  return impl.quantile(u, p0, p1, p2);
}
