// A model with its imports flattened into one dependency graph of qualified names
// (`p_step`, `chain.p_step`, `a.b.x`), overrides applied, in evaluation order.
// Scenarios, `--set` and what-if edits all arrive here as the same thing: input overrides.

import { mapRefs, refsOf, parseExpression, inlineSource, showExpr, type Expr, type ExprSource } from './expression.ts';
import { suggest } from './suggest.ts';
import { CONSTANTS } from './names.ts';
import type { Model, Quantity } from './load.ts';
import type { Project } from './project.ts';
import { error, fail, type Place, type CredenceError, type Result } from './errors.ts';

export interface Entity {
  /** Qualified name: the local name prefixed by the import aliases that lead to it. */
  name: string;
  kind: 'input' | 'node';
  expr: Expr;
  source: ExprSource;
  /** The model file the quantity is defined in, and its name there. */
  modelId: string;
  local: string;
  quantity: Quantity;
  /** The override text when a scenario, `--set` or what-if edit replaced the input's distribution. */
  override: string | null;
  /** Qualified names this entity reads. */
  deps: string[];
}

export interface GraphEvidence {
  name: string;
  expr: Expr;
  source: ExprSource;
  applied: boolean;
  note: string | null;
  text: string;
}

export interface Graph {
  model: Model;
  entities: Entity[];
  byName: Map<string, Entity>;
  output: string;
  evidence: GraphEvidence[];
}

/** An override of an input: the same whether it comes from a scenario, `--set` or a web form. */
export interface InputOverride {
  name: string;
  text: string;
  expr: Expr;
  source: ExprSource;
  /** Where the override names its input: a key in a scenario, or the start of `name=…` typed text. */
  loc: Place;
}

/** Extra evidence supplied at run time (e.g. a resolved prediction), as text over the model's names. */
export interface ExtraEvidence {
  name: string;
  likelihood: string;
  note?: string;
}

/**
 * A derived quantity asked for at run time (e.g. a prediction's P(yes)): an expression over the
 * model's names, evaluated per sample like a node. Its name is chosen by the caller and need not
 * be an identifier, so it can never clash with a quantity of the model.
 */
export interface Probe {
  name: string;
  text: string;
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

export function buildGraph(
  project: Project,
  modelId: string,
  overrides: InputOverride[] = [],
  extra: ExtraEvidence[] = [],
  probes: Probe[] = [],
): Result<Graph> {
  const model = project.models.get(modelId);
  if (!model) return fail(error('unknown-model', `there is no model '${modelId}'`));
  const errors: CredenceError[] = [];
  const entities = new Map<string, Entity>();
  const evidence: GraphEvidence[] = [];

  const addModel = (m: Model, prefix: string) => {
    const q = (name: string) => qualify(m, prefix, name);
    for (const [kind, group] of [
      ['input', m.inputs],
      ['node', m.nodes],
    ] as const) {
      for (const quantity of Object.values(group)) {
        const name = prefix + quantity.name;
        const expr = mapRefs(quantity.expr, q);
        entities.set(name, {
          name,
          kind,
          expr,
          source: quantity.source,
          modelId: m.id,
          local: quantity.name,
          quantity,
          override: null,
          deps: [],
        });
      }
    }
    for (const e of Object.values(m.evidence)) {
      evidence.push({
        name: prefix + e.name,
        expr: mapRefs(e.likelihood, q),
        source: e.source,
        applied: e.applied,
        note: e.note,
        text: e.text,
      });
    }
    for (const imp of Object.values(m.imports)) {
      addModel(project.models.get(imp.modelId)!, `${prefix}${imp.alias}.`);
      // The import's own overrides: after the imported model (so they replace what it and its
      // imports set), before the run's scenario and edits (which replace them in turn).
      for (const o of imp.overrides) {
        const name = `${prefix}${imp.alias}.${o.name}`;
        const target = entities.get(name);
        if (!target || target.kind !== 'input') {
          errors.push(
            target
              ? error(
                  'not-an-input',
                  `'${o.name}' is a node of '${imp.modelId}', not an input; only inputs can be set by an import`,
                  o.loc,
                )
              : error('unknown-name', `'${o.name}' is not an input of model '${imp.modelId}'`, o.loc),
          );
          continue;
        }
        const expr = mapRefs(o.expr, q);
        entities.set(name, { ...target, expr, source: o.source, override: showExpr(expr) });
      }
    }
  };
  addModel(model, '');

  // References to imported quantities must name something that exists.
  for (const ent of entities.values()) {
    for (const r of refsOf(ent.expr)) {
      if (!entities.has(r.name) && !(r.name in CONSTANTS))
        errors.push(unknownRef(ent.source, r, entities, `${ent.kind} '${ent.local}'`));
    }
  }
  for (const ev of evidence) {
    for (const r of refsOf(ev.expr))
      if (!entities.has(r.name) && !(r.name in CONSTANTS))
        errors.push(unknownRef(ev.source, r, entities, `evidence '${ev.name}'`));
  }

  for (const o of overrides) {
    const target = entities.get(o.name);
    if (!target || target.kind !== 'input') {
      const inputs = [...entities.values()].filter((e) => e.kind === 'input').map((e) => e.name);
      errors.push(
        target
          ? error('not-an-input', `'${o.name}' is a node, not an input; only inputs can be overridden`, o.loc)
          : error(
              'unknown-name',
              `'${o.name}' is not an input of model '${model.id}'${suggest(o.name, inputs)}`,
              o.loc,
            ),
      );
      continue;
    }
    for (const r of refsOf(o.expr)) {
      if (!entities.has(r.name) && !(r.name in CONSTANTS))
        errors.push(unknownRef(o.source, r, entities, `the override of '${o.name}'`));
    }
    entities.set(o.name, { ...target, expr: o.expr, source: o.source, override: o.text });
  }

  for (const x of extra) {
    const source = inlineSource(x.likelihood, x.name);
    const r = parseExpression(x.likelihood, source);
    if (!r.ok) {
      errors.push(r.error);
      continue;
    }
    for (const ref of refsOf(r.value.expr)) {
      if (!entities.has(ref.name) && !(ref.name in CONSTANTS))
        errors.push(unknownRef(source, ref, entities, `evidence '${x.name}'`));
    }
    evidence.push({
      name: x.name,
      expr: r.value.expr,
      source,
      applied: true,
      note: x.note ?? null,
      text: x.likelihood,
    });
  }

  for (const pr of probes) {
    const source = inlineSource(pr.text, pr.name);
    const r = parseExpression(pr.text, source);
    if (!r.ok) {
      errors.push(r.error);
      continue;
    }
    for (const ref of refsOf(r.value.expr)) {
      if (!entities.has(ref.name) && !(ref.name in CONSTANTS))
        errors.push(unknownRef(source, ref, entities, `'${pr.name}'`));
    }
    const quantity = {
      name: pr.name,
      label: null,
      unit: null,
      note: null,
      basis: null,
      from: null,
      text: pr.text,
      expr: r.value.expr,
      source,
      loc: source.loc(0),
    };
    entities.set(pr.name, {
      name: pr.name,
      kind: 'node',
      expr: r.value.expr,
      source,
      modelId: model.id,
      local: pr.name,
      quantity,
      override: null,
      deps: [],
    });
  }

  const output = model.output;
  if (!entities.has(output))
    errors.push(
      error(
        'unknown-name',
        `the output '${output}' is not a quantity of model '${model.id}' or its imports`,
        model.outputLoc,
      ),
    );
  if (errors.length > 0) return { ok: false, errors };

  for (const ent of entities.values())
    ent.deps = [
      ...new Set(
        refsOf(ent.expr)
          .map((r) => r.name)
          .filter((n) => entities.has(n)),
      ),
    ];
  const order = topoOrder(entities);
  if (!order.ok) return order;
  return {
    ok: true,
    value: { model, entities: order.value, byName: new Map(order.value.map((e) => [e.name, e])), output, evidence },
  };
}

function qualify(m: Model, prefix: string, name: string): string {
  if (name in CONSTANTS && !(name in m.inputs) && !(name in m.nodes)) return name;
  return prefix + name;
}

function unknownRef(
  source: ExprSource,
  r: { name: string; at: number },
  entities: Map<string, Entity>,
  where: string,
): CredenceError {
  return error(
    'unknown-name',
    `unknown name '${r.name}' in ${where}${suggest(r.name, [...entities.keys()])}`,
    source.loc(r.at),
  );
}

/** Evaluation order; an override can introduce a cycle (x := f(y), y depends on x), reported here. */
function topoOrder(entities: Map<string, Entity>): Result<Entity[]> {
  const out: Entity[] = [];
  const state = new Map<string, 1 | 2>();
  const visit = (e: Entity, trail: string[]): CredenceError | null => {
    state.set(e.name, 1);
    for (const d of e.deps) {
      const s = state.get(d);
      if (s === 1) {
        const cycle = [...trail.slice(trail.indexOf(d)), e.name, d];
        return error('cycle', `circular definition: ${cycle.join(' → ')}`, e.source.loc(0));
      }
      if (s === undefined) {
        const err = visit(entities.get(d)!, [...trail, e.name]);
        if (err) return err;
      }
    }
    state.set(e.name, 2);
    out.push(e);
    return null;
  };
  for (const e of entities.values()) {
    if (!state.has(e.name)) {
      const err = visit(e, []);
      if (err) return { ok: false, errors: [err] };
    }
  }
  return { ok: true, value: out };
}

/**
 * The quantities that `names` and the named evidence entries read, directly or through other
 * quantities, with `names` themselves: what a run must compute to report them. Given several
 * graphs of one model (two views of it), a quantity reads what it reads in any of them.
 */
export function dependencyClosure(
  graphs: Graph | readonly Graph[],
  names: readonly string[],
  evidence: readonly string[] = [],
): Set<string> {
  const all: readonly Graph[] = Array.isArray(graphs) ? graphs : [graphs as Graph];
  const out = new Set<string>();
  const stack = [...names];
  for (const ev of all[0]!.evidence) if (evidence.includes(ev.name)) stack.push(...refsOf(ev.expr).map((r) => r.name));
  while (stack.length > 0) {
    const name = stack.pop()!;
    if (out.has(name)) continue;
    const entities = all.map((g) => g.byName.get(name)).filter((e) => e !== undefined);
    if (entities.length === 0) continue;
    out.add(name);
    for (const e of entities) stack.push(...e.deps);
  }
  return out;
}

/** The quantities that read any of `roots`, directly or through others, with the roots themselves. */
export function dependentsOf(graph: Graph, roots: Iterable<string>): Set<string> {
  const out = new Set(roots);
  // Entities are in evaluation order: each comes after everything it reads.
  for (const e of graph.entities) if (!out.has(e.name) && e.deps.some((d) => out.has(d))) out.add(e.name);
  return out;
}
