// A model with its imports flattened into one dependency graph of qualified names
// (`p_step`, `chain.p_step`, `a.b.x`), overrides applied, in evaluation order.
// Scenarios, `--set` and what-if edits all arrive here as the same thing: input overrides.

import { refsOf, parseExpression, inlineSource, type Expr, type ExprSource } from './expression.ts';
import { flatten, type Flat } from './flatten.ts';
import { checkProbabilityRanges } from './probability.ts';
import { Suggester } from './suggest.ts';
import { depthFirst, cycleText } from './walk.ts';
import { CONSTANTS } from './names.ts';
import type { Model, Quantity } from './load.ts';
import type { Project } from './project.ts';
import { error, fail, type CredenceError, type Result } from './errors.ts';
import type { InputOverride } from './overrides.ts';

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

/** Extra evidence supplied at run time (e.g. a resolved prediction), as text over the model's names. */
export interface ExtraEvidence {
  name: string;
  likelihood: string;
  note?: string;
  /** The prediction whose resolution this is, when it is one (so an analysis can leave it out). */
  prediction?: string;
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

export function buildGraph(
  project: Project,
  modelId: string,
  overrides: InputOverride[] = [],
  extra: ExtraEvidence[] = [],
  probes: Probe[] = [],
): Result<Graph> {
  const model = project.models.get(modelId);
  if (!model) return fail(error('unknown-model', `there is no model '${modelId}'`));
  const flat = flatten(project, model);
  const { entities, evidence, errors } = flat;
  const checkRefs = refChecker(flat);
  // References to imported quantities must name something that exists.
  for (const ent of entities.values()) checkRefs(ent.expr, ent.source, `${ent.kind} '${ent.local}'`);
  for (const ev of evidence) checkRefs(ev.expr, ev.source, `evidence '${ev.name}'`);
  applyOverrides(flat, model, overrides, checkRefs);
  addEvidence(flat, extra, checkRefs);
  addProbes(flat, model, probes, checkRefs);
  errors.push(...checkProbabilityRanges(entities.values()));
  if (!entities.has(model.output)) {
    const why = `the output '${model.output}' is not a quantity of model '${model.id}' or its imports`;
    errors.push(error('unknown-name', why, model.outputLoc));
  }
  if (errors.length > 0) return { ok: false, errors };
  for (const ent of entities.values())
    ent.deps = [...new Set(refsOf(ent.expr).map((r) => r.name))].filter((n) => entities.has(n));
  const order = topoOrder(entities);
  if (!order.ok) return order;
  const byName = new Map(order.value.map((e) => [e.name, e]));
  return { ok: true, value: { model, entities: order.value, byName, output: model.output, evidence } };
}

type CheckRefs = (expr: Expr, source: ExprSource, where: string) => void;

/** A check that every name an expression reads is a quantity of the flattened model or a constant. */
function refChecker({ entities, errors }: Flat): CheckRefs {
  const unknownRef = unknownRefs(entities);
  return (expr, source, where) => {
    for (const r of refsOf(expr))
      if (!entities.has(r.name) && !(r.name in CONSTANTS)) errors.push(unknownRef(source, r, where));
  };
}

/** Each override replaces its input's expression; one naming a node or nothing is an error. */
function applyOverrides(
  { entities, errors }: Flat,
  model: Model,
  overrides: InputOverride[],
  checkRefs: CheckRefs,
): void {
  let inputNames: Suggester | null = null;
  for (const o of overrides) {
    const target = entities.get(o.name);
    if (!target || target.kind !== 'input') {
      inputNames ??= new Suggester([...entities.values()].filter((e) => e.kind === 'input').map((e) => e.name));
      const why = target
        ? error('not-an-input', `'${o.name}' is a node, not an input; only inputs can be overridden`, o.loc)
        : error(
            'unknown-name',
            `'${o.name}' is not an input of model '${model.id}'${inputNames.suggest(o.name)}`,
            o.loc,
          );
      errors.push(why);
      continue;
    }
    checkRefs(o.expr, o.source, `the override of '${o.name}'`);
    entities.set(o.name, { ...target, expr: o.expr, source: o.source, override: o.text });
  }
}

/** Evidence supplied at run time, applied after the model's own. */
function addEvidence({ evidence, errors }: Flat, extra: ExtraEvidence[], checkRefs: CheckRefs): void {
  for (const x of extra) {
    const source = inlineSource(x.likelihood, x.name);
    const r = parseExpression(x.likelihood, source);
    if (!r.ok) {
      errors.push(r.error);
      continue;
    }
    checkRefs(r.value.expr, source, `evidence '${x.name}'`);
    evidence.push({
      name: x.name,
      expr: r.value.expr,
      source,
      applied: true,
      note: x.note ?? null,
      text: x.likelihood,
    });
  }
}

/** Probes as nodes of the graph. */
function addProbes({ entities, errors }: Flat, model: Model, probes: Probe[], checkRefs: CheckRefs): void {
  for (const pr of probes) {
    const p = probeEntity(model, pr);
    if (!p.ok) {
      errors.push(...p.errors);
      continue;
    }
    checkRefs(p.value.expr, p.value.source, `'${pr.name}'`);
    entities.set(pr.name, p.value);
  }
}

/** A probe as a node of the graph, computed per sample from the model's names. */
function probeEntity(model: Model, pr: Probe): Result<Entity> {
  const source = inlineSource(pr.text, pr.name);
  const r = parseExpression(pr.text, source);
  if (!r.ok) return fail(r.error);
  const expr = r.value.expr;
  const quantity: Quantity = {
    name: pr.name,
    label: null,
    unit: null,
    note: null,
    basis: null,
    from: null,
    text: pr.text,
    expr,
    source,
    loc: source.loc(0),
  };
  const entity: Entity = {
    name: pr.name,
    kind: 'node',
    expr,
    source,
    modelId: model.id,
    local: pr.name,
    quantity,
    override: null,
    deps: [],
  };
  return { ok: true, value: entity };
}

/** "unknown name" errors, with suggestions among the entities from one bounded Suggester. */
function unknownRefs(entities: Map<string, Entity>) {
  let names: Suggester | null = null;
  return (source: ExprSource, r: { name: string; at: number }, where: string): CredenceError =>
    error(
      'unknown-name',
      `unknown name '${r.name}' in ${where}${(names ??= new Suggester(entities.keys())).suggest(r.name)}`,
      source.loc(r.at),
    );
}

/** Evaluation order; an override can introduce a cycle (x := f(y), y depends on x), reported here. */
function topoOrder(entities: Map<string, Entity>): Result<Entity[]> {
  const out: Entity[] = [];
  let cycle: CredenceError | null = null;
  depthFirst<Entity, string>(entities.values(), {
    edges: (e) => (cycle ? [] : e.deps),
    target: (d) => entities.get(d),
    onCycle: (from, _d, to, path, start) => {
      cycle ??= error(
        'cycle',
        `circular definition: ${cycleText([...path.slice(start).map((e) => e.name)], 0, to.name)}`,
        from.source.loc(0),
      );
    },
    onDone: (e) => out.push(e),
  });
  return cycle ? fail(cycle) : { ok: true, value: out };
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
