// The state of a plan under construction and the steps that fill it: a quantity's expression is
// lowered (each distribution inside it hoisted into a sampled column of its own, innermost
// first), then evaluated into its column. Slots and quasi-Monte Carlo dimensions are numbered in
// the order steps are made, so the order of every call here fixes the run's random streams.

import { compileColumn, evalConstant, isConstant } from './compile.ts';
import { DISTS, type DistImpl } from './distributions.ts';
import type { Expr, ExprSource } from '../model/expression.ts';
import { DIST_FUNCTIONS } from '../model/names.ts';
import type { CredenceError, Place, Result } from '../model/errors.ts';
import { aliasOf, exprReads, specReads } from './plan-reads.ts';
import type { DistSpec, Operand, Plan, PlanInput, Step } from './plan.ts';

type DistExpr = Expr & { kind: 'dist' };

/** What lowering one quantity (or one evidence likelihood) needs to know about it. */
interface Ctx {
  source: ExprSource;
  key: string;
  /** How many draws of this quantity have been keyed so far (`key`, `key#1`, …). */
  counter: { n: number };
  slot: (name: string) => number;
}

export class PlanBuilder {
  private readonly errors: CredenceError[] = [];
  private readonly steps: Step[] = [];
  private readonly entitySlot = new Map<string, number>();
  private readonly evidenceSlot = new Map<string, number>();
  private readonly stepsOf = new Map<string, Step[]>();
  private slots = 0;
  private draws = 0;

  /** The plan, or every error found while building it. */
  result(): Result<Plan> {
    if (this.errors.length > 0) return { ok: false, errors: this.errors };
    const { slots, steps, entitySlot, evidenceSlot, stepsOf } = this;
    return { ok: true, value: { slots, steps, entitySlot, evidenceSlot, stepsOf } };
  }

  addEntity(ent: PlanInput['entities'][number]): void {
    const ctx = this.makeCtx(ent.source, ent.name);
    const e = ent.expr;
    if (e.kind === 'dist') {
      // The common case: an input that is one distribution samples straight into its column.
      // Count this draw before its parameters, so a distribution nested in them gets its own stream.
      ctx.counter.n++;
      const s = this.spec(e, ent.name, ctx);
      const slot = this.newSlot();
      this.entitySlot.set(ent.name, slot);
      if (s) this.pushSample(ent.name, slot, s, ent.name, ent.source.text);
      return;
    }
    // Its slot is known only after its expression is compiled, so it cannot read itself.
    this.entitySlot.set(ent.name, this.evaluate(ent.name, this.lower(e, ent.name, ctx), ctx));
  }

  addEvidence(ev: PlanInput['evidence'][number]): void {
    const owner = `evidence:${ev.name}`;
    const ctx = this.makeCtx(ev.source, owner);
    this.evidenceSlot.set(ev.name, this.evaluate(owner, this.lower(ev.expr, owner, ctx), ctx));
  }

  private newSlot(): number {
    return this.slots++;
  }

  private slotOf(name: string): number {
    return this.entitySlot.get(name) ?? -1;
  }

  private makeCtx(source: ExprSource, key: string): Ctx {
    return {
      source,
      key,
      counter: { n: 0 },
      slot: (name) => (name.startsWith('#') ? Number(name.slice(1)) : this.slotOf(name)),
    };
  }

  private push(owner: string, step: Step): void {
    this.steps.push(step);
    const list = this.stepsOf.get(owner) ?? [];
    list.push(step);
    this.stepsOf.set(owner, list);
  }

  private pushSample(owner: string, slot: number, spec: DistSpec, key: string, text: string): void {
    this.push(owner, { kind: 'sample', slot, spec, key, owner, text, reads: specReads(spec), dim: this.draws++ });
  }

  /** A new column that evaluates a lowered expression; its slot. */
  private evaluate(owner: string, lowered: Expr, ctx: Ctx): number {
    const slot = this.newSlot();
    // A plan with errors is never run, and what it refused (e.g. a mixture inside a mixture)
    // cannot be compiled: the located errors are what it returns.
    const failed = this.errors.length > 0;
    this.push(owner, {
      kind: 'eval',
      slot,
      fn: failed ? neverRun : compileColumn(lowered, ctx.slot),
      owner,
      constant: !failed && isConstant(lowered) ? evalConstant(lowered) : null,
      reads: exprReads(lowered, ctx.slot),
      alias: aliasOf(lowered, ctx.slot),
    });
    return slot;
  }

  /** Operand for a parameter expression: constant, an existing column, or a new evaluated column. */
  private operand(e: Expr, owner: string, ctx: Ctx): Operand {
    const lowered = this.lower(e, owner, ctx);
    if (isConstant(lowered)) return { const: evalConstant(lowered) };
    if (lowered.kind === 'ref' && this.slotOf(lowered.name) >= 0) return { slot: this.slotOf(lowered.name) };
    if (lowered.kind === 'ref' && lowered.name.startsWith('#')) return { slot: Number(lowered.name.slice(1)) };
    // Neither constant nor a reference to a column, so its step is no constant and no alias.
    return { slot: this.evaluate(owner, lowered, ctx) };
  }

  private spec(e: DistExpr, owner: string, ctx: Ctx): DistSpec | null {
    if (e.dist === 'mixture') return this.mixtureSpec(e, owner, ctx);
    const impl = DISTS[e.dist];
    if (e.args.length !== impl.arity) {
      this.errors.push(arityError(e, impl, ctx.source.loc(e.at)));
      return null;
    }
    const params = e.args.map((a) => this.operand(a, owner, ctx));
    if (params.every((p) => 'const' in p)) {
      const bad = impossible(
        impl,
        params.map((p) => (p as { const: number }).const),
        ctx.source.loc(e.at),
      );
      if (bad) {
        this.errors.push(bad);
        return null;
      }
    }
    return { dist: e.dist, params };
  }

  private mixtureSpec(e: DistExpr, owner: string, ctx: Ctx): DistSpec | null {
    const components = e.args.map((c) => (c.kind === 'dist' ? this.spec(c, owner, ctx) : this.operand(c, owner, ctx)));
    if (components.some((c) => c === null)) return null;
    const weights = e.weights?.map((w) => this.operand(w, owner, ctx)) ?? null;
    if (weights && weights.every((w) => 'const' in w)) {
      const ws = weights.map((w) => (w as { const: number }).const);
      if (ws.some((w) => !(w >= 0) || !Number.isFinite(w)) || ws.reduce((a, b) => a + b, 0) <= 0) {
        this.errors.push({
          code: 'bad-parameter',
          ...ctx.source.loc(e.at),
          message: `mixture weights must be non-negative numbers that do not all equal zero (got ${ws.join(', ')})`,
        });
        return null;
      }
    }
    return { dist: 'mixture', components: components as (DistSpec | Operand)[], weights };
  }

  /** Replace distributions (innermost first) by references to freshly sampled columns. */
  private lower(e: Expr, owner: string, ctx: Ctx): Expr {
    switch (e.kind) {
      case 'num':
      case 'ref':
        return e;
      case 'dist':
        return this.drawn(e, owner, ctx);
      case 'if':
        return {
          ...e,
          test: this.lower(e.test, owner, ctx),
          then: this.lower(e.then, owner, ctx),
          else: this.lower(e.else, owner, ctx),
        };
      case 'call':
        if (DIST_FUNCTIONS.has(e.fn) && e.args[0]!.kind === 'dist')
          return { ...e, args: [this.evaluated(e.args[0]!, owner, ctx, e.fn), this.lower(e.args[1]!, owner, ctx)] };
        return { ...e, args: e.args.map((a) => this.lower(a, owner, ctx)) };
      default:
        return { ...e, args: e.args.map((a) => this.lower(a, owner, ctx)) } as Expr;
    }
  }

  /** A distribution inside an expression, sampled into its own column: a reference to it. */
  private drawn(e: DistExpr, owner: string, ctx: Ctx): Expr {
    const s = this.spec(e, owner, ctx);
    const slot = this.newSlot();
    const k = ctx.counter.n++;
    if (s) this.pushSample(owner, slot, s, k === 0 ? ctx.key : `${ctx.key}#${k}`, ctx.source.text);
    return { kind: 'ref', name: `#${slot}`, at: e.at };
  }

  /**
   * A distribution that `cdf`, `pdf` or `quantile` evaluates rather than draws from: its
   * parameters are lowered (a distribution inside them is drawn as usual) and, when constant,
   * checked here.
   */
  private evaluated(d: DistExpr, owner: string, ctx: Ctx, fn: string): Expr {
    const where = ctx.source.loc(d.at);
    if (d.dist === 'mixture') return this.evaluatedMixture(d, owner, ctx, fn);
    const impl = DISTS[d.dist];
    if (d.args.length !== impl.arity) {
      this.errors.push(arityError(d, impl, where));
      return d;
    }
    const args = d.args.map((a) => this.lower(a, owner, ctx));
    if (args.every(isConstant)) {
      const bad = impossible(impl, args.map(evalConstant), where);
      if (bad) this.errors.push(bad);
    }
    return { ...d, args };
  }

  private evaluatedMixture(d: DistExpr, owner: string, ctx: Ctx, fn: string): Expr {
    const args = d.args.map((c) => {
      if (c.kind !== 'dist') return this.lower(c, owner, ctx);
      if (c.dist === 'mixture') {
        this.errors.push({
          code: 'not-allowed',
          ...ctx.source.loc(c.at),
          message: `${fn}(…) of a mixture inside a mixture is not supported`,
        });
        return c;
      }
      return this.evaluated(c, owner, ctx, fn);
    });
    return { ...d, args, weights: d.weights?.map((w) => this.lower(w, owner, ctx)) ?? null };
  }
}

function neverRun(): never {
  throw new Error('internal: a plan with errors was run');
}

function arityError(d: DistExpr, impl: DistImpl, where: Place): CredenceError {
  const s = impl.arity === 1 ? '' : 's';
  return {
    code: 'wrong-arguments',
    ...where,
    message: `${d.dist} takes ${impl.arity} parameter${s}: ${impl.signature}; got ${d.args.length}`,
  };
}

/** The error for constant parameters the distribution cannot take, or null when it can. */
function impossible(impl: DistImpl, values: number[], where: Place): CredenceError | null {
  const [p0 = 0, p1 = 0, p2 = 0] = values;
  const why = impl.check(p0, p1, p2);
  return why ? { code: 'bad-parameter', ...where, message: `impossible ${impl.signature}: ${why}` } : null;
}
