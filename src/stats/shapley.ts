// Shapley values of any cooperative game of n players: exact (every coalition, with the
// classical weights) up to `maxExact` players; beyond that, sampled permutations in antithetic
// pairs, with the permutation sampling error. Either way the values sum to v(all) − v(none),
// because every ordering telescopes from the empty coalition to the full one.

import { streamFor } from '../engine/random.ts';

const MAX_EXACT_PLAYERS = 10;
/** Permutations sampled beyond MAX_EXACT_PLAYERS by default. */
const SHAPLEY_PERMUTATIONS = 200;

export interface ShapleyPlan {
  players: number;
  exact: boolean;
  /** Permutations sampled (0 when exact). */
  permutations: number;
  /** The coalitions to evaluate: membership flags, one per player. */
  coalitions: Uint8Array[];
  /** φ_p = Σ_c coef[c][p] · v(coalitions[c]). */
  coef: Float64Array[];
  /** Sampled permutations: the coalition indices each passes through, and the player added at each step. */
  paths: { coalitions: Int32Array; order: Int32Array }[];
}

export interface ShapleyPlanOptions {
  maxExact?: number;
  /** Permutations to sample beyond maxExact players (rounded up to an even number). */
  permutations?: number;
  seed?: number;
}

function factorial(n: number): number {
  let f = 1;
  for (let i = 2; i <= n; i++) f *= i;
  return f;
}

/** Every coalition of n players, each with its Shapley weight for every player. */
function exactPlan(n: number): ShapleyPlan {
  const weight = (s: number) => (factorial(s) * factorial(n - s - 1)) / factorial(n);
  const coalitions: Uint8Array[] = [];
  const coef: Float64Array[] = [];
  for (let mask = 0; mask < 1 << n; mask++) {
    const members = new Uint8Array(n);
    let size = 0;
    for (let p = 0; p < n; p++)
      if (mask & (1 << p)) {
        members[p] = 1;
        size++;
      }
    const c = new Float64Array(n);
    for (let p = 0; p < n; p++) c[p] = members[p] ? weight(size - 1) : size < n ? -weight(size) : 0;
    coalitions.push(members);
    coef.push(c);
  }
  return { players: n, exact: true, permutations: 0, coalitions, coef, paths: [] };
}

/** A seeded Fisher–Yates shuffle of 0..n-1. */
function permutation(n: number, rng: { int(k: number): number }): Int32Array {
  const perm = Int32Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const t = perm[i]!;
    perm[i] = perm[j]!;
    perm[j] = t;
  }
  return perm;
}

/** m random orders in antithetic pairs (each with its reverse); coalitions shared between paths. */
function sampledPlan(n: number, m: number, seed: number): ShapleyPlan {
  const rng = streamFor(seed, 'crux:permutations');
  const index = new Map<string, number>();
  const coalitions: Uint8Array[] = [];
  const coef: Float64Array[] = [];
  const paths: { coalitions: Int32Array; order: Int32Array }[] = [];
  const idOf = (members: Uint8Array) => {
    const key = members.join('');
    let i = index.get(key);
    if (i === undefined) {
      i = coalitions.length;
      index.set(key, i);
      coalitions.push(members.slice());
      coef.push(new Float64Array(n));
    }
    return i;
  };
  for (let k = 0; k < m; k += 2) {
    const perm = permutation(n, rng);
    for (const order of [perm, perm.slice().reverse()]) {
      const members = new Uint8Array(n);
      const path = new Int32Array(n + 1);
      path[0] = idOf(members);
      for (let t = 0; t < n; t++) {
        members[order[t]!] = 1;
        path[t + 1] = idOf(members);
        coef[path[t + 1]!]![order[t]!]! += 1 / m;
        coef[path[t]!]![order[t]!]! -= 1 / m;
      }
      paths.push({ coalitions: path, order });
    }
  }
  return { players: n, exact: false, permutations: m, coalitions, coef, paths };
}

export function shapleyPlan(n: number, opts: ShapleyPlanOptions = {}): ShapleyPlan {
  if (n <= (opts.maxExact ?? MAX_EXACT_PLAYERS)) return exactPlan(n);
  return sampledPlan(n, 2 * Math.ceil((opts.permutations ?? SHAPLEY_PERMUTATIONS) / 2), opts.seed ?? 0);
}

/** Shapley values from the coalition values of a plan, with the permutation sampling error. */
export function shapleyFromValues(
  plan: ShapleyPlan,
  values: ArrayLike<number>,
): { values: number[]; permutationSe: number[] | null } {
  const n = plan.players;
  const phi = new Array<number>(n).fill(0);
  plan.coef.forEach((c, i) => {
    for (let p = 0; p < n; p++) phi[p]! += c[p]! * values[i]!;
  });
  if (plan.exact) return { values: phi, permutationSe: null };
  // Antithetic pairs are averaged before the variance is taken.
  const pairs = plan.paths.length / 2;
  const se = new Array<number>(n).fill(0);
  const marginal = (k: number) => {
    const d = new Array<number>(n).fill(0);
    const { coalitions, order } = plan.paths[k]!;
    for (let t = 0; t < n; t++) d[order[t]!] = values[coalitions[t + 1]!]! - values[coalitions[t]!]!;
    return d;
  };
  for (let q = 0; q < pairs; q++) {
    const a = marginal(2 * q);
    const b = marginal(2 * q + 1);
    for (let p = 0; p < n; p++) se[p]! += ((a[p]! + b[p]!) / 2 - phi[p]!) ** 2;
  }
  return { values: phi, permutationSe: se.map((s) => (pairs > 1 ? Math.sqrt(s / (pairs - 1) / pairs) : NaN)) };
}

/** Shapley values of an n-player game `v` (exact up to maxExact players). */
export function shapleyValues(
  n: number,
  v: (members: Uint8Array) => number,
  opts: ShapleyPlanOptions = {},
): { values: number[]; exact: boolean; permutations: number; permutationSe: number[] | null } {
  const plan = shapleyPlan(n, opts);
  const vals = plan.coalitions.map(v);
  const r = shapleyFromValues(plan, vals);
  return { values: r.values, exact: plan.exact, permutations: plan.permutations, permutationSe: r.permutationSe };
}
