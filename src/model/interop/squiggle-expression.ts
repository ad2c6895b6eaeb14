// One Squiggle expression read into Credence formula text: numbers with Squiggle's suffixes,
// names bound above, distributions (by position, `a to b`, named parameters, mixtures),
// arithmetic, a few elementwise functions and what Credence's export writes (squiggle-sampled.ts).
// Anything else is a Refusal at its node, which the importer turns into a located error.

import { NAMED } from './squiggle-named.ts';
import { Indexed, readLogic, readSampledCall, type SquiggleNode } from './squiggle-sampled.ts';

export type Node = SquiggleNode;

/** What the expression reader cannot take, at the node where it stopped. */
export class Refusal extends Error {
  constructor(
    readonly node: Node,
    message: string,
  ) {
    super(message);
  }
}

/** Distributions as Squiggle names them → Credence's (same parameters, same order). */
const DISTRIBUTIONS: Record<string, [string, number]> = {
  normal: ['normal', 2],
  lognormal: ['lognormal', 2],
  uniform: ['uniform', 2],
  beta: ['beta', 2],
  triangular: ['triangular', 3],
  bernoulli: ['bernoulli', 1],
};

/** Elementwise functions both have, one argument each (Squiggle's log is the natural log). */
const FUNCTIONS = new Set(['exp', 'log', 'log10', 'log2', 'sqrt', 'abs', 'floor', 'ceil', 'round']);

/** A name or a number: written into a formula without parentheses. */
const ATOM = /^([A-Za-z_]\w*|\d+(\.\d*)?(e-?\d+)?)$/;

const ARITHMETIC = new Set(['+', '-', '*', '/', '^']);

/** Squiggle's number suffixes (5k, 2M, 10%). */
const SUFFIXES: Record<string, string> = { '%': 'e-2', k: 'e3', M: 'e6', B: 'e9', G: 'e9', T: 'e12' };

const CONSTANTS: Record<string, string> = { 'Math.pi': 'pi', 'Math.e': 'e' };

/** Reads the expressions of one program, in order, keeping the names bound so far. */
export class Reader {
  /** Names bound so far. */
  readonly names = new Set<string>();
  /** Names the expression being read refers to. */
  refs = new Set<string>();
  /** Distributions written so far (a parameter that draws must not be written twice). */
  draws = 0;
  /** What xs[i] stands for inside SampleSet.mapN. */
  readonly indexed = new Indexed();

  readonly refuse = (n: Node, message: string): Error => new Refusal(n, message);

  /** normal({p5, p95}) and the other named-parameter forms of NAMED, as Credence expressions. */
  named(n: Node, name: string, args: Node[]): string {
    const forms = NAMED[name];
    const list = () => Object.keys(forms ?? {}).map((k) => `${name}({${k.replace(',', ', ')}})`);
    if (!forms) throw new Refusal(n, `${name}({…}) with named parameters has no Credence equivalent`);
    if (args.length !== 1) throw new Refusal(n, `${name}() takes one record of named parameters here`);
    const fields = new Map<string, string>();
    for (const el of (args[0] as Node).elements as Node[]) {
      const key = el.kind === 'Identifier' ? (el.value as string) : ((el.key as Node | undefined)?.value as string);
      if (el.kind !== 'Identifier' && (el.kind !== 'KeyValue' || (el.key as Node).kind !== 'String'))
        throw new Refusal(el, `only named parameters are read in ${name}({…})`);
      const before = this.draws;
      const text = this.expr(el.kind === 'Identifier' ? el : (el.value as Node));
      if (this.draws > before)
        throw new Refusal(el, `the parameter '${key}' draws a distribution; bind it to a name first and use the name`);
      fields.set(key, ATOM.test(text) ? text : `(${text})`);
    }
    const form = forms[[...fields.keys()].sort().join(',')];
    if (!form)
      throw new Refusal(
        n,
        `${name}({${[...fields.keys()].join(', ')}}) is not one of the forms read: ${list().join(', ')}`,
      );
    this.draws++;
    return form(fields);
  }

  expr(n: Node): string {
    const logic = readLogic(this, this.indexed, n);
    if (logic !== null) return logic;
    switch (n.kind) {
      case 'Float':
        return floatText(n);
      case 'UnitValue': {
        const suffix = SUFFIXES[n.unit as string];
        if (!suffix) throw new Refusal(n, `the unit '${String(n.unit)}' has no Credence equivalent`);
        return `${floatText(n.value as Node)}${suffix}`;
      }
      case 'Identifier': {
        const name = n.value as string;
        if (!this.names.has(name)) throw new Refusal(n, `'${name}' is not a binding above this line`);
        this.refs.add(name);
        return name;
      }
      case 'DotLookup': {
        const path = `${(n.arg as Node).kind === 'Identifier' ? ((n.arg as Node).value as string) : '?'}.${String(n.key)}`;
        if (CONSTANTS[path]) return CONSTANTS[path];
        throw new Refusal(n, `'${path}' is outside what Credence reads (numbers, distributions and arithmetic)`);
      }
      case 'UnaryCall':
        if (n.op !== '-') throw new Refusal(n, `the operator '${String(n.op)}' has no Credence equivalent`);
        return `-(${this.expr(n.arg as Node)})`;
      case 'InfixCall': {
        const [a, b] = (n.args as Node[]).map((x) => this.expr(x));
        if (n.op === 'to') return (this.draws++, `ci90(${a}, ${b})`);
        if (!ARITHMETIC.has(n.op as string))
          throw new Refusal(n, `the operator '${String(n.op)}' is outside the arithmetic Credence reads`);
        return `(${a} ${String(n.op)} ${b})`;
      }
      case 'Call':
        return this.call(n);
      default:
        throw new Refusal(
          n,
          `${describe(n.kind)} is outside what Credence reads (numbers, distributions and arithmetic)`,
        );
    }
  }

  call(n: Node): string {
    const fn = n.fn as Node;
    const name = fn.kind === 'Identifier' ? (fn.value as string) : null;
    const args = n.args as Node[];
    const refuse = (message: string) => new Refusal(n, message);
    if (name === null) throw refuse('only calls of distributions and elementwise functions are read');
    if (args.some((a) => a.kind === 'Dict')) return this.named(n, name, args);
    const dist = DISTRIBUTIONS[name];
    if (dist) {
      if (args.length !== dist[1]) throw refuse(`${name}() takes ${dist[1]} arguments here, not ${args.length}`);
      this.draws++;
      return `${dist[0]}(${args.map((a) => this.expr(a)).join(', ')})`;
    }
    if (name === 'to') {
      if (args.length !== 2) throw refuse(`to() takes 2 arguments, not ${args.length}`);
      this.draws++;
      return `ci90(${this.expr(args[0]!)}, ${this.expr(args[1]!)})`;
    }
    if (name === 'mx' || name === 'mixture') return this.mixture(n, args);
    if (name === 'pointMass') {
      if (args.length !== 1) throw refuse('pointMass() takes one argument');
      return this.expr(args[0]!);
    }
    if (FUNCTIONS.has(name)) {
      if (args.length !== 1) throw refuse(`${name}() takes one argument here, not ${args.length}`);
      return `${name}(${this.expr(args[0]!)})`;
    }
    const sampled = readSampledCall(this, this.indexed, n, name, args);
    if (sampled !== null) return sampled;
    throw refuse(`${name}() has no Credence equivalent`);
  }

  /** mx(a, b, …, [wa, wb, …]): Credence's mixture has the same shape, weights optional. */
  mixture(n: Node, args: Node[]): string {
    const last = args.at(-1);
    const weights = last?.kind === 'Array' ? (last.elements as Node[]) : null;
    const parts = weights ? args.slice(0, -1) : args;
    if (parts.length === 0) throw new Refusal(n, 'a mixture needs at least one component');
    if (weights && weights.length !== parts.length)
      throw new Refusal(n, `a mixture of ${parts.length} components with ${weights.length} weights`);
    this.draws++;
    const text = parts.map((p) => this.expr(p));
    return `mixture(${text.join(', ')}${weights ? `, [${weights.map((w) => this.expr(w)).join(', ')}]` : ''})`;
  }
}

function floatText(n: Node): string {
  const frac = n.fractional as string | null;
  const exp = n.exponent as number | null;
  return `${String(n.integer)}${frac ? `.${frac}` : ''}${exp !== null ? `e${exp}` : ''}`;
}

/** How the refusals name a kind of syntax. */
export const describe = (kind: string) =>
  (
    ({
      Lambda: 'a function',
      Array: 'a list',
      Dict: 'a record',
      Ternary: 'a conditional',
      Block: 'a block { … }',
      Pipe: 'a pipe (->)',
      BracketLookup: 'an index [ … ]',
      String: 'a string',
      Boolean: 'a boolean',
    }) as Record<string, string>
  )[kind] ?? `a ${kind}`;
