// Fill a column from a distribution, one segment of SEGMENT rows at a time, each segment from its
// own stream (random.ts). Three samplers:
//   mc     plain Monte Carlo: direct draws (constant parameters through fill.ts);
//   lhs    Latin hypercube within each segment: one uniform per stratum of probability 1/m, in
//          random order, then the quantile function;
//   sobol  randomized quasi-Monte Carlo: scrambled Sobol' points (one dimension per random
//          quantity, in plan order), then the quantile function. Quantities past the last
//          dimension of the direction numbers fall back to Latin hypercube.
// Parameters that vary by row are checked row by row; impossible rows become NaN and are counted.

import { DISTS } from './distributions.ts';
import { fillFixed, quantileFixed } from './fill.ts';
import { SEGMENT, scrambleStream, segmentStream, type KeyWords, type Stream } from './random.ts';
import { SOBOL_DIMS, sobolScramble, sobolUniforms, type SobolScramble } from './sobol-sequence.ts';
import type { DistSpec, Operand } from './plan.ts';

export const SAMPLERS = ['mc', 'lhs', 'sobol'] as const;
export type Sampler = (typeof SAMPLERS)[number];

export interface SampleProblem {
  count: number;
  message: string;
}

const val = (o: Operand, cols: readonly Float64Array[], i: number) => ('const' in o ? o.const : cols[o.slot]![i]!);

/** Stratified uniforms into out[0..m): a random permutation of the m strata, jittered within each. */
export function lhsUniforms(rng: Stream, m: number, out: Float64Array, perm: Int32Array = new Int32Array(m)): void {
  for (let i = 0; i < m; i++) perm[i] = i;
  for (let i = m - 1; i > 0; i--) {
    const j = Math.floor(rng.uniform32() * (i + 1));
    const t = perm[i]!;
    perm[i] = perm[j]!;
    perm[j] = t;
  }
  rng.uniforms(out, m);
  for (let i = 0; i < m; i++) out[i] = (perm[i]! + out[i]!) / m;
}

/** Buffers a segment's sampling needs, allocated once per run and thread. */
export interface SampleScratch {
  us: Float64Array;
  perm: Int32Array;
  /** Each quasi-random dimension's scramble, drawn once per quantity and dimension. */
  scrambles: Map<string, SobolScramble>;
}

export const newScratch = (): SampleScratch => ({
  us: new Float64Array(SEGMENT),
  perm: new Int32Array(SEGMENT),
  scrambles: new Map(),
});

function scrambleOf(key: DrawKey, scratch: SampleScratch): SobolScramble {
  const id = `${key.dim}:${key.words.join(':')}`;
  let s = scratch.scrambles.get(id);
  if (!s) scratch.scrambles.set(id, (s = sobolScramble(key.dim, scrambleStream(key.words, key.dim))));
  return s;
}

/** One random quantity's draw as the samplers see it. */
export interface DrawKey {
  /** Hash of the quantity's stream key under the run seed. */
  words: KeyWords;
  /** Its quasi-random dimension. */
  dim: number;
}

/**
 * Draw the m rows of segment `seg` of `spec` into out[0..m). `cols` are the segment's views of
 * the columns its parameters read. Impossible rows hold NaN and are counted in `problem`.
 */
export function sampleSegment(
  spec: DistSpec,
  cols: readonly Float64Array[],
  out: Float64Array,
  m: number,
  seg: number,
  key: DrawKey,
  sampler: Sampler,
  scratch: SampleScratch,
  problem: SampleProblem,
): void {
  const rng = segmentStream(key.words, seg);
  const fixed = spec.dist !== 'mixture' && spec.params.every((p) => 'const' in p);
  const [p0 = 0, p1 = 0, p2 = 0] = fixed ? spec.params.map((p) => (p as { const: number }).const) : [];
  if (sampler === 'mc') {
    if (fixed) fillFixed(spec.dist as Exclude<DistSpec['dist'], 'mixture'>, p0, p1, p2, rng, out, m, scratch.us);
    else for (let i = 0; i < m; i++) out[i] = drawAt(spec, cols, i, rng, problem);
    return;
  }
  const us = scratch.us;
  if (sampler === 'sobol' && key.dim < SOBOL_DIMS) sobolUniforms(scrambleOf(key, scratch), seg * SEGMENT, m, rng, us);
  else lhsUniforms(rng, m, us, scratch.perm);
  if (fixed) quantileFixed(spec.dist as Exclude<DistSpec['dist'], 'mixture'>, p0, p1, p2, us, out, m);
  else for (let i = 0; i < m; i++) out[i] = quantileAt(spec, cols, i, us[i]!, problem);
}

/**
 * Draw n rows of `spec` into a whole column, segment by segment (the same numbers as any other
 * split of the rows into segments). Returns the impossible rows, with one example of why.
 */
export function sampleInto(
  spec: DistSpec,
  cols: readonly Float64Array[],
  out: Float64Array,
  n: number,
  key: DrawKey,
  sampler: Sampler,
  reads: readonly number[],
): SampleProblem | null {
  const problem = { count: 0, message: '' };
  const scratch = newScratch();
  const views: Float64Array[] = [];
  for (let seg = 0; seg * SEGMENT < n; seg++) {
    const start = seg * SEGMENT;
    const end = Math.min(n, start + SEGMENT);
    for (const slot of reads) views[slot] = cols[slot]!.subarray(start, end);
    sampleSegment(spec, views, out.subarray(start, end), end - start, seg, key, sampler, scratch, problem);
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
