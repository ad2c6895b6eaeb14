// A model's expression tree as TeX, for formulas shown as mathematics (KaTeX renders it).
// Written over Credence's own tree rather than math.js `toTex` because the tree is what the
// engine runs: `floor`, `clamp`, distributions and qualified names (`chain.p_step`) print as
// they mean, and parentheses appear only where precedence needs them.

import type { Expr, Op } from '../model/expression.ts';

/** Binding strength of each form: a child that binds less tightly than its place needs is parenthesised. */
const PREC = { if: 0, or: 1, xor: 2, and: 3, compare: 4, add: 5, mul: 6, unary: 7, pow: 8, atom: 9 } as const;

const BINARY: Partial<Record<Op, { tex: string; prec: number }>> = {
  or: { tex: '\\lor', prec: PREC.or },
  xor: { tex: '\\veebar', prec: PREC.xor },
  and: { tex: '\\land', prec: PREC.and },
  equal: { tex: '=', prec: PREC.compare },
  unequal: { tex: '\\ne', prec: PREC.compare },
  smaller: { tex: '<', prec: PREC.compare },
  smallerEq: { tex: '\\le', prec: PREC.compare },
  larger: { tex: '>', prec: PREC.compare },
  largerEq: { tex: '\\ge', prec: PREC.compare },
  add: { tex: '+', prec: PREC.add },
  subtract: { tex: '-', prec: PREC.add },
  multiply: { tex: '\\cdot', prec: PREC.mul },
  mod: { tex: '\\bmod', prec: PREC.mul },
};

const DIST_NAMES: Record<string, string> = {
  normal: 'Normal',
  lognormal: 'LogNormal',
  uniform: 'Uniform',
  beta: 'Beta',
  triangular: 'Triangular',
  pert: 'PERT',
  bernoulli: 'Bernoulli',
  logitnormal: 'LogitNormal',
  ci90: 'CI_{90}',
  mixture: 'Mixture',
};

/**
 * A quantity's name as upright text, underscores and dots kept. As `\text` (not `\mathrm`) a
 * name is one MathML `<mtext>`, which a screen reader reads as the word it is, where `\mathrm`
 * gives one `<mi>` per letter, read (and laid out) letter by letter.
 */
export function texName(name: string): string {
  return `\\text{${name.replace(/[\\{}$&#^%~]/g, '').replace(/_/g, '\\_')}}`;
}

/** A number as a reader writes it: up to four significant digits, powers of ten when far from 1. */
export function texNumber(x: number): string {
  if (!Number.isFinite(x)) return Number.isNaN(x) ? '\\mathrm{NaN}' : x > 0 ? '\\infty' : '-\\infty';
  if (Number.isInteger(x) && Math.abs(x) < 1e6) return String(x);
  const a = Math.abs(x);
  if (a !== 0 && (a >= 1e6 || a < 1e-4)) {
    const [m, e] = x.toExponential(3).split('e') as [string, string];
    const mant = m.replace(/\.?0+$/, '');
    return `${mant === '1' ? '' : `${mant} \\times `}10^{${Number(e)}}`;
  }
  return String(Number(x.toPrecision(4)));
}

function precOf(e: Expr): number {
  switch (e.kind) {
    case 'num':
      return e.value < 0 ? PREC.unary : PREC.atom;
    case 'if':
      return PREC.if;
    case 'op':
      if (e.op === 'unaryMinus' || e.op === 'unaryPlus' || e.op === 'not') return PREC.unary;
      if (e.op === 'pow') return PREC.pow;
      if (e.op === 'divide') return PREC.atom; // a fraction is its own group
      return BINARY[e.op]!.prec;
    default:
      return PREC.atom;
  }
}

/** `e` parenthesised when it binds less tightly than `need`. */
function at(e: Expr, need: number): string {
  const s = toTex(e);
  return precOf(e) < need ? `\\left(${s}\\right)` : s;
}

const list = (args: Expr[]) => args.map((a) => toTex(a)).join(', ');
const fn = (name: string, args: Expr[]) => `\\operatorname{${name}}\\left(${list(args)}\\right)`;

function callTex(e: Extract<Expr, { kind: 'call' }>): string {
  const [a, b] = e.args;
  switch (e.fn) {
    case 'floor':
      return `\\left\\lfloor ${toTex(a!)} \\right\\rfloor`;
    case 'ceil':
      return `\\left\\lceil ${toTex(a!)} \\right\\rceil`;
    case 'abs':
      return `\\left| ${toTex(a!)} \\right|`;
    case 'sqrt':
      return `\\sqrt{${toTex(a!)}}`;
    case 'exp':
      return `e^{${toTex(a!)}}`;
    case 'pow':
      return `{${at(a!, PREC.atom)}}^{${toTex(b!)}}`;
    case 'log':
      return b ? `\\log_{${toTex(b)}}\\left(${toTex(a!)}\\right)` : `\\ln\\left(${toTex(a!)}\\right)`;
    case 'log2':
      return `\\log_{2}\\left(${toTex(a!)}\\right)`;
    case 'log10':
      return `\\log_{10}\\left(${toTex(a!)}\\right)`;
    case 'min':
    case 'max':
      return `\\${e.fn}\\left(${list(e.args)}\\right)`;
    default:
      return fn(e.fn, e.args);
  }
}

function opTex(e: Extract<Expr, { kind: 'op' }>): string {
  const [a, b] = e.args as [Expr, Expr];
  switch (e.op) {
    case 'unaryMinus':
      return `-${at(a, PREC.unary)}`;
    case 'unaryPlus':
      return `+${at(a, PREC.unary)}`;
    case 'not':
      return `\\lnot ${at(a, PREC.unary)}`;
    case 'divide':
      return `\\frac{${toTex(a)}}{${toTex(b)}}`;
    case 'pow':
      // Right-associative: a^b^c is a^(b^c); the base needs a group unless it is an atom.
      return `{${at(a, PREC.atom)}}^{${toTex(b)}}`;
    default: {
      const { tex, prec } = BINARY[e.op]!;
      // Left-associative: the right operand of - (and of any same-level operator) keeps its group.
      return `${at(a, prec)} ${tex} ${at(b, prec + 1)}`;
    }
  }
}

export function toTex(e: Expr): string {
  switch (e.kind) {
    case 'num':
      return texNumber(e.value);
    case 'ref':
      return texName(e.name);
    case 'call':
      return callTex(e);
    case 'dist': {
      const args = list(e.args) + (e.weights ? `; \\left[${list(e.weights)}\\right]` : '');
      return `\\operatorname{${DIST_NAMES[e.dist] ?? e.dist}}\\left(${args}\\right)`;
    }
    case 'if':
      return `\\begin{cases} ${toTex(e.then)} & \\text{if } ${toTex(e.test)} \\\\ ${toTex(e.else)} & \\text{otherwise} \\end{cases}`;
    case 'op':
      return opTex(e);
  }
}
