// Turn a flattened graph into a plan of column steps: sample a distribution into a column, or
// evaluate a compiled expression into a column. Distributions inside expressions are hoisted
// into their own sampled columns; constant parameters are checked here, so an impossible
// `beta(0, 1)` is a load error at its place in the file.

import { compileColumn, evalConstant, isConstant, type ColumnFn } from './compile.ts';
import { DISTS, type SimpleDist } from './distributions.ts';
import type { Expr, ExprSource } from '../model/expression.ts';
import { DIST_FUNCTIONS } from '../model/names.ts';
import type { Graph } from '../model/graph.ts';
import type { CredenceError, Result } from '../model/errors.ts';

/** A distribution parameter: a constant or a column slot. */
export type Operand = { const: number } | { slot: number };

export type DistSpec =
  | { dist: SimpleDist; params: Operand[] }
  | { dist: 'mixture'; components: (DistSpec | Operand)[]; weights: Operand[] | null };

export interface SampleStep {
  kind: 'sample';
  slot: number;
  spec: DistSpec;
  /** Stream key: the entity's qualified name, with `#k` for distributions inside it. */
  key: string;
  /** The entity this draw belongs to (for run-time warnings and for `given` columns). */
  owner: string;
  text: string;
  /** Slots its parameters read (steps that fill them run first). */
  reads: number[];
  /** Its dimension under quasi-Monte Carlo: its place among the plan's random draws. */
  dim: number;
}

export interface EvalStep {
  kind: 'eval';
  slot: number;
  fn: ColumnFn;
  owner: string;
  /** Constant expressions fill their column without a loop over columns. */
  constant: number | null;
  /** Slots the expression reads (steps that fill them run first). */
  reads: number[];
  /**
   * The slot this one is a plain reference to (a node defined as another quantity): the run
   * shares that column instead of copying it.
   */
  alias: number | null;
}

export type Step = SampleStep | EvalStep;

export interface Plan {
  slots: number;
  steps: Step[];
  /** Slot of every entity by qualified name. */
  entitySlot: Map<string, number>;
  /** Slot of every evidence likelihood. */
  evidenceSlot: Map<string, number>;
  /** Steps that belong to each entity, so a given column can skip them. */
  stepsOf: Map<string, Step[]>;
}

/** What a plan is built from: a graph's quantities and evidence, in evaluation order. */
export interface PlanInput {
  entities: readonly Pick<Graph['entities'][number], 'name' | 'expr' | 'source'>[];
  evidence: readonly Pick<Graph['evidence'][number], 'name' | 'expr' | 'source'>[];
}

export function buildPlan(graph: PlanInput): Result<Plan> {
  const errors: CredenceError[] = [];
  const steps: Step[] = [];
  const entitySlot = new Map<string, number>();
  const evidenceSlot = new Map<string, number>();
  const stepsOf = new Map<string, Step[]>();
  let slots = 0;
  let draws = 0;
  const newSlot = () => slots++;
  const slotOf = (name: string) => entitySlot.get(name) ?? -1;

  const push = (owner: string, step: Step) => {
    steps.push(step);
    const list = stepsOf.get(owner) ?? [];
    list.push(step);
    stepsOf.set(owner, list);
  };

  /** Operand for a parameter expression: constant, an existing column, or a new evaluated column. */
  const operand = (e: Expr, owner: string, ctx: Ctx): Operand => {
    const lowered = lower(e, owner, ctx);
    if (isConstant(lowered)) return { const: evalConstant(lowered) };
    if (lowered.kind === 'ref' && slotOf(lowered.name) >= 0) return { slot: slotOf(lowered.name) };
    if (lowered.kind === 'ref' && lowered.name.startsWith('#')) return { slot: Number(lowered.name.slice(1)) };
    const slot = newSlot();
    push(owner, {
      kind: 'eval',
      slot,
      fn: compileColumn(lowered, ctx.slot),
      owner,
      constant: null,
      reads: exprReads(lowered, ctx.slot),
      alias: null,
    });
    return { slot };
  };

  interface Ctx {
    source: ExprSource;
    key: string;
    counter: { n: number };
    slot: (name: string) => number;
  }

  const spec = (e: Expr & { kind: 'dist' }, owner: string, ctx: Ctx): DistSpec | null => {
    if (e.dist === 'mixture') {
      const components = e.args.map((c) => (c.kind === 'dist' ? spec(c, owner, ctx) : operand(c, owner, ctx)));
      if (components.some((c) => c === null)) return null;
      const weights = e.weights?.map((w) => operand(w, owner, ctx)) ?? null;
      if (weights && weights.every((w) => 'const' in w)) {
        const ws = weights.map((w) => (w as { const: number }).const);
        if (ws.some((w) => !(w >= 0) || !Number.isFinite(w)) || ws.reduce((a, b) => a + b, 0) <= 0) {
          errors.push({
            code: 'bad-parameter',
            ...ctx.source.loc(e.at),
            message: `mixture weights must be non-negative numbers that do not all equal zero (got ${ws.join(', ')})`,
          });
          return null;
        }
      }
      return { dist: 'mixture', components: components as (DistSpec | Operand)[], weights };
    }
    const impl = DISTS[e.dist];
    if (e.args.length !== impl.arity) {
      errors.push({
        code: 'wrong-arguments',
        ...ctx.source.loc(e.at),
        message: `${e.dist} takes ${impl.arity} parameter${impl.arity === 1 ? '' : 's'}: ${impl.signature}; got ${e.args.length}`,
      });
      return null;
    }
    const params = e.args.map((a) => operand(a, owner, ctx));
    if (params.every((p) => 'const' in p)) {
      const [p0 = 0, p1 = 0, p2 = 0] = params.map((p) => (p as { const: number }).const);
      const why = impl.check(p0, p1, p2);
      if (why) {
        errors.push({
          code: 'bad-parameter',
          ...ctx.source.loc(e.at),
          message: `impossible ${impl.signature}: ${why}`,
        });
        return null;
      }
    }
    return { dist: e.dist, params };
  };

  /** Replace distributions (innermost first) by references to freshly sampled columns. */
  const lower = (e: Expr, owner: string, ctx: Ctx): Expr => {
    switch (e.kind) {
      case 'num':
      case 'ref':
        return e;
      case 'dist': {
        const s = spec(e, owner, ctx);
        const slot = newSlot();
        const k = ctx.counter.n++;
        if (s)
          push(owner, {
            kind: 'sample',
            slot,
            spec: s,
            key: k === 0 ? ctx.key : `${ctx.key}#${k}`,
            owner,
            text: ctx.source.text,
            reads: specReads(s),
            dim: draws++,
          });
        return { kind: 'ref', name: `#${slot}`, at: e.at };
      }
      case 'if':
        return {
          ...e,
          test: lower(e.test, owner, ctx),
          then: lower(e.then, owner, ctx),
          else: lower(e.else, owner, ctx),
        };
      case 'call':
        if (DIST_FUNCTIONS.has(e.fn) && e.args[0]!.kind === 'dist')
          return { ...e, args: [evaluated(e.args[0]!, owner, ctx, e.fn), lower(e.args[1]!, owner, ctx)] };
        return { ...e, args: e.args.map((a) => lower(a, owner, ctx)) };
      default:
        return { ...e, args: e.args.map((a) => lower(a, owner, ctx)) } as Expr;
    }
  };

  /**
   * A distribution that `cdf`, `pdf` or `quantile` evaluates rather than draws from: its
   * parameters are lowered (a distribution inside them is drawn as usual) and, when constant,
   * checked here.
   */
  const evaluated = (d: Expr & { kind: 'dist' }, owner: string, ctx: Ctx, fn: string): Expr => {
    const where = ctx.source.loc(d.at);
    if (d.dist === 'mixture') {
      const args = d.args.map((c) => {
        if (c.kind !== 'dist') return lower(c, owner, ctx);
        if (c.dist === 'mixture') {
          errors.push({
            code: 'not-allowed',
            ...ctx.source.loc(c.at),
            message: `${fn}(…) of a mixture inside a mixture is not supported`,
          });
          return c;
        }
        return evaluated(c, owner, ctx, fn);
      });
      return { ...d, args, weights: d.weights?.map((w) => lower(w, owner, ctx)) ?? null };
    }
    const impl = DISTS[d.dist];
    if (d.args.length !== impl.arity) {
      errors.push({
        code: 'wrong-arguments',
        ...where,
        message: `${d.dist} takes ${impl.arity} parameter${impl.arity === 1 ? '' : 's'}: ${impl.signature}; got ${d.args.length}`,
      });
      return d;
    }
    const args = d.args.map((a) => lower(a, owner, ctx));
    if (args.every(isConstant)) {
      const [p0 = 0, p1 = 0, p2 = 0] = args.map(evalConstant);
      const why = impl.check(p0, p1, p2);
      if (why) errors.push({ code: 'bad-parameter', ...where, message: `impossible ${impl.signature}: ${why}` });
    }
    return { ...d, args };
  };

  const makeCtx = (source: ExprSource, key: string): Ctx => ({
    source,
    key,
    counter: { n: 0 },
    slot: (name) => (name.startsWith('#') ? Number(name.slice(1)) : slotOf(name)),
  });

  for (const ent of graph.entities) {
    const ctx = makeCtx(ent.source, ent.name);
    const e = ent.expr;
    if (e.kind === 'dist') {
      // The common case: an input that is one distribution samples straight into its column.
      // Count this draw before its parameters, so a distribution nested in them gets its own stream.
      ctx.counter.n++;
      const s = spec(e, ent.name, ctx);
      const slot = newSlot();
      entitySlot.set(ent.name, slot);
      if (s)
        push(ent.name, {
          kind: 'sample',
          slot,
          spec: s,
          key: ent.name,
          owner: ent.name,
          text: ent.source.text,
          reads: specReads(s),
          dim: draws++,
        });
      continue;
    }
    const lowered = lower(e, ent.name, ctx);
    const slot = newSlot();
    push(ent.name, {
      kind: 'eval',
      slot,
      fn: compileColumn(lowered, ctx.slot),
      owner: ent.name,
      constant: isConstant(lowered) ? evalConstant(lowered) : null,
      reads: exprReads(lowered, ctx.slot),
      alias: aliasOf(lowered, ctx.slot),
    });
    entitySlot.set(ent.name, slot);
  }

  for (const ev of graph.evidence) {
    const ctx = makeCtx(ev.source, `evidence:${ev.name}`);
    const lowered = lower(ev.expr, `evidence:${ev.name}`, ctx);
    const slot = newSlot();
    push(`evidence:${ev.name}`, {
      kind: 'eval',
      slot,
      fn: compileColumn(lowered, ctx.slot),
      owner: `evidence:${ev.name}`,
      constant: isConstant(lowered) ? evalConstant(lowered) : null,
      reads: exprReads(lowered, ctx.slot),
      alias: aliasOf(lowered, ctx.slot),
    });
    evidenceSlot.set(ev.name, slot);
  }

  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, value: { slots, steps, entitySlot, evidenceSlot, stepsOf } };
}

/** The slot a lowered expression is nothing but a reference to, if it is one. */
function aliasOf(e: Expr, slot: (name: string) => number): number | null {
  if (e.kind !== 'ref') return null;
  const i = slot(e.name);
  return i >= 0 ? i : null;
}

/** The column slots a lowered expression reads, ascending. */
function exprReads(e: Expr, slot: (name: string) => number): number[] {
  const out = new Set<number>();
  const walk = (x: Expr): void => {
    if (x.kind === 'ref') {
      const i = slot(x.name);
      if (i >= 0) out.add(i);
    } else if (x.kind === 'if') {
      walk(x.test);
      walk(x.then);
      walk(x.else);
    } else if (x.kind === 'op' || x.kind === 'call') x.args.forEach(walk);
    else if (x.kind === 'dist') {
      x.args.forEach(walk);
      x.weights?.forEach(walk);
    }
  };
  walk(e);
  return [...out].sort((a, b) => a - b);
}

/** The column slots a distribution's parameters (and a mixture's components and weights) read. */
function specReads(s: DistSpec): number[] {
  const out = new Set<number>();
  const operand = (o: Operand) => {
    if ('slot' in o) out.add(o.slot);
  };
  const walk = (d: DistSpec): void => {
    if (d.dist === 'mixture') {
      for (const c of d.components)
        if ('dist' in c) walk(c);
        else operand(c);
      d.weights?.forEach(operand);
    } else d.params.forEach(operand);
  };
  walk(s);
  return [...out].sort((a, b) => a - b);
}
