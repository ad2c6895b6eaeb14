// A prediction read inside a model's samples: the copies of its linked model in the model (one
// per import path), its p_yes as an expression without draws, and per sample the likelihoods of
// a yes and of a no over the copies, Π pᵢ and Π (1 − pᵢ), as the engine's resolution evidence
// multiplies them. Value of information and the implied credence both read predictions so.

import { compileColumn } from '../engine/compile.ts';
import type { Prepared, RunResult } from '../engine/run.ts';
import { hasDist, inlineSource, mapRefs, parseExpression, type Expr } from '../model/expression.ts';
import { CONSTANTS } from '../model/names.ts';

/** What reading a prediction needs: its id, linked model and p_yes (parsed, when at hand). */
export interface PredictionReading {
  id: string;
  model: string;
  pYes: string;
  pYesExpr?: Expr;
}

/** The import prefixes under which `model` appears in the graph ('' for the graph's own), shortest first. */
export function copiesOf(graph: Prepared['graph'], model: string): string[] {
  const prefixes = graph.entities
    .filter((e) => e.modelId === model)
    .map((e) => e.name.slice(0, e.name.length - e.local.length));
  return [...new Set(prefixes)].sort((a, b) => a.length - b.length || a.localeCompare(b));
}

/** A prediction's p_yes as an expression without distributions, or why it cannot be one. */
export function pYesOf(p: PredictionReading): { expr: Expr } | { skip: string } {
  let expr = p.pYesExpr;
  if (!expr) {
    const parsed = parseExpression(p.pYes, inlineSource(p.pYes, `p_yes of ${p.id}`));
    if (!parsed.ok) return { skip: `p_yes: ${parsed.error.message}` };
    expr = parsed.value.expr;
  }
  if (hasDist(expr)) return { skip: "p_yes draws a distribution; it must be computed from the model's quantities" };
  return { expr };
}

export interface Likelihoods {
  likYes: Float64Array;
  likNo: Float64Array;
  /** Samples where p_yes fell outside 0–1 (clamped), and where it was NaN (left out). */
  clamped: number;
  bad: number;
}

/** Per sample, Π pᵢ and Π (1 − pᵢ) over the copies of the linked model; null if p_yes names an unknown quantity. */
export function likelihoods(expr: Expr, prefixes: string[], run: RunResult): Likelihoods | null {
  const n = run.samples;
  const names = Object.keys(run.columns);
  const cols = names.map((k) => run.columns[k]!);
  const slotOf = new Map(names.map((k, i) => [k, i]));
  const out: Likelihoods = {
    likYes: new Float64Array(n).fill(1),
    likNo: new Float64Array(n).fill(1),
    clamped: 0,
    bad: 0,
  };
  const values = new Float64Array(n);
  for (const prefix of prefixes) {
    const q = prefix === '' ? expr : mapRefs(expr, (name) => (name in CONSTANTS ? name : prefix + name));
    try {
      compileColumn(q, (name) => slotOf.get(name) ?? -1)(cols, values, n);
    } catch {
      return null;
    }
    for (let i = 0; i < n; i++) {
      let v = values[i]!;
      if (v !== v) {
        out.bad++;
        out.likYes[i] = NaN;
        continue;
      }
      if (v < 0 || v > 1) {
        out.clamped++;
        v = v < 0 ? 0 : 1;
      }
      out.likYes[i]! *= v;
      out.likNo[i]! *= 1 - v;
    }
  }
  return out;
}
