// Overrides of inputs, the one mechanism behind scenarios, `--set` on the command line, what-if
// edits on the web and an import's `set:`: each replaces an input's expression for one run.

import { parseExpression, inlineSource, type Expr, type ExprSource } from './expression.ts';
import { suggest } from './suggest.ts';
import type { Model } from './load.ts';
import { error, fail, type Place, type Result } from './errors.ts';

/** An override of an input: the same whether it comes from a scenario, `--set` or a web form. */
export interface InputOverride {
  name: string;
  text: string;
  expr: Expr;
  source: ExprSource;
  /** Where the override names its input: a key in a scenario, or the start of `name=…` typed text. */
  loc: Place;
}

/** Parse `name=expr` text (command line, URL, form) into an override located at `where`. */
export function parseOverride(name: string, text: string, where: string): Result<InputOverride> {
  const source = inlineSource(text, where, name.length + 2);
  const r = parseExpression(text, source);
  if (!r.ok) return { ok: false, errors: [r.error] };
  return { ok: true, value: { name, text, expr: r.value.expr, source, loc: { file: where, col: 1 } } };
}

export function scenarioOverrides(model: Model, scenario: string | null): Result<InputOverride[]> {
  if (scenario === null) return { ok: true, value: [] };
  const s = model.scenarios[scenario];
  if (!s) {
    const names = Object.keys(model.scenarios);
    const have = names.length ? `; it has ${names.map((n) => `'${n}'`).join(', ')}` : '; it has none';
    return fail(
      error('unknown-scenario', `model '${model.id}' has no scenario '${scenario}'${suggest(scenario, names)}${have}`),
    );
  }
  return { ok: true, value: s.overrides.map((o) => ({ ...o })) };
}
