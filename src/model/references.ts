// References inside one model file: every name an expression reads must be a quantity of the
// file (or, dotted, of an import), the output must exist, scenarios override inputs, and no
// quantity may depend on itself. Answerable from the file alone; imports are checked in
// project.ts and graph.ts.

import { refsOf, type Expr, type ExprSource } from './expression.ts';
import { CONSTANTS } from './names.ts';
import { Suggester } from './suggest.ts';
import { depthFirst, cycleText } from './walk.ts';
import { error, type CredenceError } from './errors.ts';
import type { Model, Quantity } from './load.ts';

type Check = (expr: Expr, source: ExprSource, where: string) => void;

/** Undefined names, a bad output, and cycles between nodes: all answerable from this file alone. */
export function checkLocalRefs(model: Model): CredenceError[] {
  const errors: CredenceError[] = [];
  const local = [...Object.keys(model.inputs), ...Object.keys(model.nodes)];
  const known = new Set(local);
  // One suggester for the file, so that thousands of unknown names share one bounded budget.
  const names = new Suggester(local);
  const check = refChecker(model, known, names, errors);
  for (const q of Object.values(model.inputs)) check(q.expr, q.source, `input '${q.name}'`);
  for (const q of Object.values(model.nodes)) check(q.expr, q.source, `node '${q.name}'`);
  for (const e of Object.values(model.evidence)) check(e.likelihood, e.source, `evidence '${e.name}'`);
  for (const imp of Object.values(model.imports))
    for (const o of imp.overrides) check(o.expr, o.source, `the import '${imp.alias}'`);
  checkScenarios(model, check, errors);
  errors.push(...outputErrors(model, known, names));
  errors.push(...findCycles(model));
  return errors;
}

/** Checks the names one expression reads: dotted ones against the imports, others against the file. */
function refChecker(model: Model, known: Set<string>, names: Suggester, errors: CredenceError[]): Check {
  return (expr, source, where) => {
    for (const r of refsOf(expr)) {
      const head = r.name.split('.')[0]!;
      if (r.name.includes('.')) {
        if (!(head in model.imports)) {
          errors.push(
            error(
              'unknown-model',
              `'${head}' in '${r.name}' is not an imported model of ${where}; add it under imports:`,
              source.loc(r.at),
            ),
          );
        }
      } else if (!known.has(r.name) && !(r.name in CONSTANTS)) {
        const hint =
          r.name in model.imports
            ? ` ('${r.name}' is an imported model: name one of its quantities, e.g. ${r.name}.<name>)`
            : names.suggest(r.name);
        errors.push(error('unknown-name', `unknown name '${r.name}' in ${where}${hint}`, source.loc(r.at)));
      }
    }
  };
}

/** Each scenario override's expression, and that it overrides an input of this file. */
function checkScenarios(model: Model, check: Check, errors: CredenceError[]): void {
  let inputNames: Suggester | null = null;
  for (const s of Object.values(model.scenarios)) {
    for (const o of s.overrides) {
      check(o.expr, o.source, `scenario '${s.name}'`);
      if (!o.name.includes('.') && !(o.name in model.inputs)) {
        errors.push(
          o.name in model.nodes
            ? error('not-an-input', `'${o.name}' is a node; a scenario can only override inputs`, o.loc)
            : error(
                'unknown-name',
                `scenario '${s.name}' overrides '${o.name}', which is not an input of this model${(inputNames ??= new Suggester(Object.keys(model.inputs))).suggest(o.name)}`,
                o.loc,
              ),
        );
      }
    }
  }
}

/** The output must be a quantity of this file or of an imported model. */
function outputErrors(model: Model, known: Set<string>, names: Suggester): CredenceError[] {
  const out = model.output;
  if (!out.includes('.') && !known.has(out))
    return [
      error(
        'unknown-name',
        `the output '${out}' is not an input or node of this model${names.suggest(out)}`,
        model.outputLoc,
      ),
    ];
  if (out.includes('.') && !(out.split('.')[0]! in model.imports))
    return [error('unknown-model', `the output '${out}' names a model that is not imported`, model.outputLoc)];
  return [];
}

/** Cycles among inputs and nodes of one model, each reported at the reference that closes it. */
function findCycles(model: Model): CredenceError[] {
  const all: Record<string, Quantity> = Object.assign(Object.create(null), model.inputs, model.nodes);
  const errors: CredenceError[] = [];
  depthFirst<string, { name: string; at: number }>(Object.keys(all), {
    edges: (name) => refsOf(all[name]!.expr),
    target: (r) => (r.name in all ? r.name : undefined),
    onCycle: (from, r, to, path, start) =>
      errors.push(error('cycle', `circular definition: ${cycleText(path, start, to)}`, all[from]!.source.loc(r.at))),
  });
  return errors;
}
