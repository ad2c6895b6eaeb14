// One Credence expression as Squiggle text (Writer), and a random quantity as a SampleSet
// (distribution): formulas over numbers inside SampleSet.mapN, or directly over SampleSets when
// Squiggle combines them pairwise; distributions with random parameters moved from a standard
// draw (reparametrized), mixtures as a weighted pick. See squiggle-export.ts for the whole.

import type { Entity } from '../graph.ts';
import type { Expr } from '../expression.ts';
import { squiggleName } from './squiggle-names.ts';
import { callText, isPairwise, opText } from './squiggle-text.ts';

export class Refusal extends Error {
  constructor(
    readonly entity: Entity,
    readonly at: number,
    message: string,
  ) {
    super(message);
  }
}

const Z95 = 1.6448536269514722;

/**
 * Writes one entity's expression. Over numbers (the default), refs that are sample sets become
 * xs[i] of a mapN; `pairwise`, they are named as they are and Squiggle combines them.
 */
export class Writer {
  readonly randomRefs: string[] = [];
  /** Hoisted random distributions: each becomes a binding of its own before the entity. */
  readonly hoisted: string[] = [];

  constructor(
    readonly entity: Entity,
    private readonly random: Set<string>,
    private readonly fresh: () => string,
    private readonly pairwise = false,
  ) {}

  private ref(name: string): string {
    if (!this.random.has(name)) return squiggleName(name);
    if (this.pairwise) {
      if (!this.randomRefs.includes(name)) this.randomRefs.push(name);
      return squiggleName(name);
    }
    let i = this.randomRefs.indexOf(name);
    if (i < 0) i = this.randomRefs.push(name) - 1;
    return `xs[${i}]`;
  }

  private refuse(e: Expr, what: string): never {
    throw new Refusal(this.entity, e.at, `${what} has no Squiggle equivalent; the model cannot be exported`);
  }

  num(e: Expr): string {
    switch (e.kind) {
      case 'num':
        return Number.isFinite(e.value) ? String(e.value) : this.refuse(e, String(e.value));
      case 'ref':
        return this.ref(e.name);
      case 'if':
        return `(${this.num(e.test)} != 0 ? ${this.num(e.then)} : ${this.num(e.else)})`;
      case 'op':
        return this.op(e);
      case 'call':
        return this.call(e);
      case 'dist': {
        // A distribution inside a formula: its own random quantity, drawn once per sample.
        const name = this.fresh();
        this.hoisted.push(`${name} = ${distribution(e, this.entity, this.random, this.fresh, this.hoisted)}`);
        this.random.add(name);
        return this.ref(name);
      }
    }
  }

  private op(e: Extract<Expr, { kind: 'op' }>): string {
    const [a, b] = e.args.map((x) => this.num(x));
    return opText(e.op, a!, b);
  }

  private call(e: Extract<Expr, { kind: 'call' }>): string {
    const [first, second] = e.args;
    if ((e.fn === 'quantile' || e.fn === 'cdf' || e.fn === 'pdf') && first?.kind === 'dist' && second) {
      // The distribution's own function, not a draw from it: Squiggle's inv, cdf and pdf.
      return `${e.fn === 'quantile' ? 'inv' : e.fn}(${distText(first, this)}, ${this.num(second)})`;
    }
    return (
      callText(
        e.fn,
        e.args.map((x) => this.num(x)),
        this.pairwise,
      ) ?? this.refuse(e, `${e.fn}()`)
    );
  }
}

/** A Squiggle distribution for a Credence one, over numbers (inside a sample) or constants. */
function distText(e: Extract<Expr, { kind: 'dist' }>, w: Writer): string {
  const args = e.args.map((x) => w.num(x));
  const [a, b, c] = args;
  switch (e.dist) {
    case 'normal':
    case 'lognormal':
    case 'uniform':
    case 'beta':
    case 'triangular':
    case 'bernoulli':
      return `${e.dist}(${args.join(', ')})`;
    case 'ci90':
      // Squiggle's `to` is the lognormal with that 90% interval; Credence takes the normal when
      // a bound is not positive.
      return `(${a} > 0 && ${b} > 0 ? ${a} to ${b} : normal((${a} + ${b}) / 2, (${b} - ${a}) / ${2 * Z95}))`;
    case 'pert':
      return `(${a} + (${c} - ${a}) * beta(1 + 4 * (${b} - ${a}) / (${c} - ${a}), 1 + 4 * (${c} - ${b}) / (${c} - ${a})))`;
    case 'logitnormal':
      return `(1 / (1 + exp(-normal(${a}, ${b}))))`;
    default:
      throw new Refusal(w.entity, e.at, `${e.dist}() has no Squiggle equivalent; the model cannot be exported`);
  }
}

/** A random quantity as a SampleSet: one draw of the distribution per sample. */
export function distribution(
  e: Extract<Expr, { kind: 'dist' }>,
  entity: Entity,
  random: Set<string>,
  fresh: () => string,
  hoisted: string[],
): string {
  if (e.dist === 'mixture') {
    const parts = e.args.map((d) => {
      if (d.kind !== 'dist') throw new Refusal(entity, d.at, 'a mixture of non-distributions cannot be exported');
      return distribution(d, entity, random, fresh, hoisted);
    });
    const weights = (e.weights ?? e.args.map(() => ({ kind: 'num', value: 1, at: e.at }) as Expr)).map((x) => {
      const w = new Writer(entity, random, fresh);
      const text = w.num(x);
      if (w.randomRefs.length > 0) throw new Refusal(entity, x.at, 'mixture weights must be constants to be exported');
      return text;
    });
    // A draw of the mixture: pick a component by weight, then that component's draw.
    const total = weights.join(' + ');
    const names = parts.map((p) => {
      const n = fresh();
      hoisted.push(`${n} = ${p}`);
      return n;
    });
    const u = fresh();
    hoisted.push(`${u} = SampleSet.fromDist(uniform(0, 1))`);
    let cumulative = '0';
    const terms = names.map((_, i) => {
      cumulative = `${cumulative} + ${weights[i]}`;
      return [`xs[${names.length}] < (${cumulative}) / (${total})`, `xs[${i}]`] as const;
    });
    const pick = terms
      .slice(0, -1)
      .reduceRight((rest, [cond, value]) => `(${cond} ? ${value} : ${rest})`, `xs[${names.length - 1}]`);
    return `SampleSet.mapN([${[...names, u].join(', ')}], {|xs| ${pick}})`;
  }
  const drawn = reparametrized(e, entity, random, fresh, hoisted);
  if (drawn !== null) return drawn;
  const w = new Writer(entity, random, fresh);
  const text = distText(e, w);
  hoisted.push(...w.hoisted);
  if (w.randomRefs.length === 0) return `SampleSet.fromDist(${text})`;
  return `SampleSet.mapN([${w.randomRefs.map(squiggleName).join(', ')}], {|xs| sample(${text})})`;
}

/**
 * A distribution whose parameters are random, drawn without a distribution per sample: a
 * standard draw (hoisted) moved and scaled pairwise (normal m + s·z, lognormal exp(μ + σ·z),
 * uniform a + (b − a)·u), or a Bernoulli as u < p. The same distribution as sample(dist(…)) per
 * sample, at a fraction of Squiggle's cost. Null when the parameters are constant or the
 * distribution has no such form.
 */
function reparametrized(
  e: Extract<Expr, { kind: 'dist' }>,
  entity: Entity,
  random: Set<string>,
  fresh: () => string,
  hoisted: string[],
): string | null {
  const standard = (dist: string) => {
    const n = fresh();
    hoisted.push(`${n} = SampleSet.fromDist(${dist})`);
    random.add(n);
    return n;
  };
  if (e.dist === 'bernoulli') {
    const w = new Writer(entity, random, fresh);
    const p = w.num(e.args[0]!);
    if (w.randomRefs.length === 0) return null;
    hoisted.push(...w.hoisted);
    const u = w.num({ kind: 'ref', name: standard('uniform(0, 1)'), at: e.at });
    return `SampleSet.mapN([${w.randomRefs.map(squiggleName).join(', ')}], {|xs| ${u} < ${p} ? 1 : 0})`;
  }
  if (!['normal', 'lognormal', 'uniform'].includes(e.dist) || !e.args.every(isPairwise)) return null;
  const w = new Writer(entity, random, fresh, true);
  const [a, b] = e.args.map((x) => w.num(x));
  if (w.randomRefs.length === 0) return null;
  hoisted.push(...w.hoisted);
  if (e.dist === 'uniform') return `(${a} + (${b} - ${a}) * ${standard('uniform(0, 1)')})`;
  const shifted = `(${a} + ${b} * ${standard('normal(0, 1)')})`;
  return e.dist === 'normal' ? shifted : `exp${shifted}`;
}
