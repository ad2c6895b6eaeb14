// A model as Squiggle code (@quri/squiggle-lang 0.10): every quantity of the flattened graph
// (imports included, under `alias__name`) becomes a binding, in evaluation order. Random
// quantities are Squiggle SampleSets and every formula is applied sample by sample, so
// quantities that share a draw stay correlated exactly as in Credence: arithmetic, exp and log
// directly on the SampleSets (Squiggle combines two SampleSets sample by sample, about ten times
// faster than a lambda per sample), anything else (comparisons, if, min/max, floor…) through
// SampleSet.mapN. Constant quantities stay numbers. Evidence is not applied (Squiggle has no likelihood
// weighting): the export is the prior, and says so in its header. Whatever has no Squiggle
// equivalent (beta_ci90, pert_ci90, trigonometry, erf) is a located refusal; cdf/pdf/quantile of a
// written-out distribution are Squiggle's cdf/pdf/inv.

import { buildGraph, type Entity, type Graph } from '../graph.ts';
import { scenarioOverrides } from '../overrides.ts';
import type { Expr } from '../expression.ts';
import type { Project } from '../project.ts';
import { error, type CredenceError, type Result } from '../errors.ts';

export interface SquiggleExport {
  code: string;
  /** The Squiggle name of the model's output. */
  output: string;
}

/** Squiggle names begin with a lower-case letter; these are functions the export calls. */
const RESERVED = new Set([
  'abs',
  'exp',
  'log',
  'log2',
  'log10',
  'floor',
  'ceil',
  'round',
  'min',
  'max',
  'sum',
  'product',
  'sample',
  'normal',
  'lognormal',
  'uniform',
  'beta',
  'triangular',
  'bernoulli',
  'mixture',
  'to',
  'mean',
  'xs',
  'x',
  'true',
  'false',
  'if',
  'then',
  'else',
  'export',
  'import',
]);

export function squiggleName(name: string): string {
  const flat = name.replace(/\./g, '__');
  return /^[a-z]/.test(flat) && !RESERVED.has(flat) ? flat : `v_${flat}`;
}

class Refusal extends Error {
  constructor(
    readonly entity: Entity,
    readonly at: number,
    message: string,
  ) {
    super(message);
  }
}

const Z95 = 1.6448536269514722;

/** Operators and functions Squiggle applies to two SampleSets sample by sample (pairwise). */
const PAIRWISE_OPS = new Set(['add', 'subtract', 'multiply', 'divide', 'pow', 'unaryMinus', 'unaryPlus']);
const PAIRWISE_CALLS = new Set(['exp', 'log', 'log2', 'log10', 'sqrt', 'pow', 'log1p', 'expm1', 'sigmoid', 'logit']);

/** Whether `e` can be written over SampleSets directly (no lambda per sample). */
export function isPairwise(e: Expr): boolean {
  switch (e.kind) {
    case 'num':
    case 'ref':
      return true;
    case 'op':
      return PAIRWISE_OPS.has(e.op) && e.args.every(isPairwise);
    case 'call':
      return PAIRWISE_CALLS.has(e.fn) && e.args.every(isPairwise);
    default:
      return false;
  }
}

/**
 * Writes one entity's expression. Over numbers (the default), refs that are sample sets become
 * xs[i] of a mapN; `pairwise`, they are named as they are and Squiggle combines them.
 */
class Writer {
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
    const bool = (s: string) => `(${s} ? 1 : 0)`;
    switch (e.op) {
      case 'add':
        return `(${a} + ${b})`;
      case 'subtract':
        return `(${a} - ${b})`;
      case 'multiply':
        return `(${a} * ${b})`;
      case 'divide':
        return `(${a} / ${b})`;
      case 'pow':
        return `(${a} ^ ${b})`;
      case 'mod':
        return `(${a} - ${b} * floor(${a} / ${b}))`;
      case 'unaryMinus':
        return `(-${a})`;
      case 'unaryPlus':
        return `${a}`;
      case 'not':
        return bool(`${a} == 0`);
      case 'and':
        return bool(`${a} != 0 && ${b} != 0`);
      case 'or':
        return bool(`${a} != 0 || ${b} != 0`);
      case 'xor':
        return bool(`(${a} != 0) != (${b} != 0)`);
      case 'equal':
        return bool(`${a} == ${b}`);
      case 'unequal':
        return bool(`${a} != ${b}`);
      case 'smaller':
        return bool(`${a} < ${b}`);
      case 'smallerEq':
        return bool(`${a} <= ${b}`);
      case 'larger':
        return bool(`${a} > ${b}`);
      case 'largerEq':
        return bool(`${a} >= ${b}`);
    }
  }

  private call(e: Extract<Expr, { kind: 'call' }>): string {
    const [first, second] = e.args;
    if ((e.fn === 'quantile' || e.fn === 'cdf' || e.fn === 'pdf') && first?.kind === 'dist' && second) {
      // The distribution's own function, not a draw from it: Squiggle's inv, cdf and pdf.
      return `${e.fn === 'quantile' ? 'inv' : e.fn}(${distText(first, this)}, ${this.num(second)})`;
    }
    const args = e.args.map((x) => this.num(x));
    const [a, b, c] = args;
    switch (e.fn) {
      case 'min':
      case 'max':
      case 'sum':
        return `${e.fn}([${args.join(', ')}])`;
      case 'prod':
        return `product([${args.join(', ')}])`;
      case 'log2':
        // Squiggle's log2 takes numbers only; the ratio of logs also takes SampleSets.
        return this.pairwise ? `(log(${a}) / log(2))` : `log2(${a})`;
      case 'abs':
      case 'exp':
      case 'log10':
      case 'floor':
      case 'ceil':
      case 'round':
        return `${e.fn}(${a})`;
      case 'log':
        return b === undefined ? `log(${a})` : `(log(${a}) / log(${b}))`;
      case 'log1p':
        return `log(1 + ${a})`;
      case 'expm1':
        return `(exp(${a}) - 1)`;
      case 'sqrt':
        return `(${a} ^ 0.5)`;
      case 'pow':
        return `(${a} ^ ${b})`;
      case 'clamp':
        return `min([max([${a}, ${b}]), ${c}])`;
      case 'sigmoid':
        return `(1 / (1 + exp(-${a})))`;
      case 'logit':
        return `log(${a} / (1 - ${a}))`;
      default:
        return this.refuse(e, `${e.fn}()`);
    }
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
function distribution(
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

function hasDistIn(e: Expr): boolean {
  switch (e.kind) {
    case 'dist':
      return true;
    case 'num':
    case 'ref':
      return false;
    case 'if':
      return hasDistIn(e.test) || hasDistIn(e.then) || hasDistIn(e.else);
    case 'call':
      // cdf/pdf/quantile read a written-out distribution's function: no draw.
      if ((e.fn === 'cdf' || e.fn === 'pdf' || e.fn === 'quantile') && e.args[0]?.kind === 'dist')
        return e.args.slice(1).some(hasDistIn) || e.args[0].args.some(hasDistIn);
      return e.args.some(hasDistIn);
    default:
      return e.args.some(hasDistIn);
  }
}

/** The Squiggle code of `graph` (its inputs as overridden when it was built). */
export function graphToSquiggle(graph: Graph, title: string): Result<SquiggleExport> {
  const random = new Set<string>();
  const lines: string[] = [
    `// ${title}: exported from Credence (model '${graph.model.id}'); the prior, before any evidence.`,
  ];
  for (const ev of graph.evidence) lines.push(`// evidence not applied: ${ev.name}: ${ev.text}`);
  let n = 0;
  const fresh = () => `d_${++n}`;
  try {
    for (const entity of graph.entities) {
      const name = squiggleName(entity.name);
      const hoisted: string[] = [];
      const e = entity.expr;
      let text: string;
      if (e.kind === 'dist') {
        text = distribution(e, entity, random, fresh, hoisted);
        random.add(entity.name);
      } else {
        const pairwise = isPairwise(e);
        const w = new Writer(entity, random, fresh, pairwise);
        const body = w.num(e);
        hoisted.push(...w.hoisted);
        if (w.randomRefs.length === 0 && !hasDistIn(e)) text = body;
        else if (pairwise) {
          text = body;
          random.add(entity.name);
        } else {
          text = `SampleSet.mapN([${w.randomRefs.map(squiggleName).join(', ')}], {|xs| ${body}})`;
          random.add(entity.name);
        }
      }
      lines.push(...hoisted, `${name} = ${text}`);
    }
  } catch (err) {
    if (!(err instanceof Refusal)) throw err;
    const place = err.entity.source.loc(err.at);
    return { ok: false, errors: [error('unsupported', `${err.entity.name}: ${err.message}`, place)] };
  }
  const output = squiggleName(graph.output);
  lines.push(`// output: ${output}`);
  return { ok: true, value: { code: `${lines.join('\n')}\n`, output } };
}

/** Export a model of the project (optionally under a scenario) as Squiggle code. */
export function exportSquiggle(
  project: Project,
  modelId: string,
  scenario: string | null = null,
): Result<SquiggleExport> {
  const model = project.models.get(modelId);
  if (!model) return { ok: false, errors: [error('unknown-model', `there is no model '${modelId}'`)] };
  const overrides = scenarioOverrides(model, scenario);
  if (!overrides.ok) return overrides;
  const graph = buildGraph(project, modelId, overrides.value);
  if (!graph.ok) return graph;
  return graphToSquiggle(graph.value, model.title ?? modelId);
}

export type { CredenceError };
