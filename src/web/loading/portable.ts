// A loaded model as plain data, so that the loading worker hands the server thread the model it
// built rather than the text to parse again. What crosses is what is cheap to receive: every
// field but the expression trees and the sources' `loc` functions. Each expression travels as its
// text and where it starts in the file (its origin); the server thread rebuilds the source against
// the model's text, and parses an expression only when something first reads it (a graph, a
// formula). Receiving the trees was most of the server thread's time per change of a large file
// (44,000 quantities: ~0.3 s of 0.4 s), and most requests never read them there: runs and
// analyses parse the texts in the compute workers.

import type { Evidence, Import, Model, Override, Quantity, Scenario } from '../../model/load.ts';
import { parseExpression, type ExprSource } from '../../model/expression.ts';
import type { Loc } from '../../model/errors.ts';
import { lineCounter, sourceAt } from '../../model/yaml-source.ts';

/**
 * A record holding an expression, as data: no tree, no source, and its places as numbers (where
 * its text starts, whether offsets inside it map through, its key's line and column; the file is
 * the model's), so that receiving it builds one object and its strings.
 */
interface Place {
  offset: number;
  spans: boolean;
  line: number;
  col: number;
}
type Portable<T> = Omit<T, 'expr' | 'likelihood' | 'source' | 'loc'> & Place;
type WithOverrides<T extends Scenario | Import> = Omit<T, 'overrides'> & { overrides: Portable<Override>[] };

/** A Model as data: it can be posted between threads. */
export interface PortableModel extends Omit<Model, 'inputs' | 'nodes' | 'evidence' | 'scenarios' | 'imports'> {
  readonly portable: true;
  inputs: Record<string, Portable<Quantity>>;
  nodes: Record<string, Portable<Quantity>>;
  evidence: Record<string, Portable<Evidence>>;
  scenarios: Record<string, WithOverrides<Scenario>>;
  imports: Record<string, WithOverrides<Import>>;
}

type Sourced = { text: string; source: ExprSource; loc: { file: string; line?: number; col?: number } };
type Key = 'expr' | 'likelihood';

/** `rec` as data, or null when its source or place cannot be rebuilt from numbers and the model's file. */
function portable<T extends Sourced>(rec: T, key: Key, file: string): Portable<T> | null {
  const { origin, text } = rec.source;
  const { line, col } = rec.loc;
  if (!origin || text !== rec.text || rec.loc.file !== file || line === undefined || col === undefined) return null;
  const out: Record<string, unknown> = { ...rec, offset: origin.offset, spans: origin.spans, line, col };
  delete out[key];
  delete out.source;
  delete out.loc;
  return out as Portable<T>;
}

/** Each value of `rec` through `f`, or null as soon as one gives null. */
function mapValues<A, B>(rec: Record<string, A>, f: (a: A) => B | null): Record<string, B> | null {
  const out: Record<string, B> = {};
  for (const [k, v] of Object.entries(rec)) {
    const b = f(v);
    if (b === null) return null;
    out[k] = b;
  }
  return out;
}

function overridesOf<T extends Scenario | Import>(holder: T, file: string): WithOverrides<T> | null {
  const overrides: Portable<Override>[] = [];
  for (const o of holder.overrides) {
    const p = portable(o, 'expr', file);
    if (!p) return null;
    overrides.push(p);
  }
  return { ...holder, overrides };
}

/** The model as data, or null if a source cannot travel (the text is then parsed again). */
export function portableModel(model: Model): PortableModel | null {
  const { file } = model;
  const inputs = mapValues(model.inputs, (q) => portable(q, 'expr', file));
  const nodes = mapValues(model.nodes, (q) => portable(q, 'expr', file));
  const evidence = mapValues(model.evidence, (e) => portable(e, 'likelihood', file));
  const scenarios = mapValues(model.scenarios, (s) => overridesOf(s, file));
  const imports = mapValues(model.imports, (i) => overridesOf(i, file));
  if (!inputs || !nodes || !evidence || !scenarios || !imports) return null;
  return { ...model, portable: true, inputs, nodes, evidence, scenarios, imports };
}

type Received = { text: string } & Place;
type Src = Parameters<typeof sourceAt>[0];

/**
 * What a received input, node or evidence lacks, on its prototype: its place, its source rebuilt
 * against the model's text, and its expression parsed; each built on first read and then kept
 * (assigning replaces it). The text loaded in the worker, so it parses here too. One prototype
 * per model and kind of record: reviving a record is one prototype change, and nothing is built
 * until it is read. What is built is kept beside the record, so its shape never changes.
 */
function revivalOf(src: Src, key: Key): object {
  const kept = { loc: new WeakMap<object, unknown>(), source: new WeakMap<object, unknown>(), [key]: new WeakMap() };
  const build: Record<string, (rec: Received) => unknown> = {
    loc: (rec) => ({ file: src.file, line: rec.line, col: rec.col }),
    source: (rec) => sourceAt(src, rec.text, rec.offset, rec.spans),
    [key]: (rec) => exprOf(src, rec.text, read(rec, 'source') as ExprSource),
  };
  const read = (rec: Received, name: string): unknown => {
    const map = kept[name]!;
    if (!map.has(rec)) map.set(rec, build[name]!(rec));
    return map.get(rec);
  };
  const properties: PropertyDescriptorMap = {};
  for (const name of Object.keys(build))
    properties[name] = {
      get(this: Received) {
        return read(this, name);
      },
      set(this: Received, value: unknown) {
        kept[name]!.set(this, value);
      },
    };
  return Object.create(Object.prototype, properties) as object;
}

/** The expression `text` parses to (it parsed in the worker, so it parses here). */
function exprOf(src: Src, text: string, source: ExprSource) {
  const parsed = parseExpression(text, source);
  if (!parsed.ok) throw new Error(`${src.file}: an expression that loaded no longer parses`);
  return parsed.value.expr;
}

/**
 * An override (a scenario's or an import's), revived whole: they are few, and copies of them are
 * made by spreading, which reads own properties only.
 */
function revivedOverride(src: Src, rec: Portable<Override>): Override {
  const { offset, spans, line, col, ...rest } = rec;
  const source = sourceAt(src, rec.text, offset, spans);
  const loc: Loc = { file: src.file, line, col };
  return { ...rest, source, loc, expr: exprOf(src, rec.text, source) };
}

/**
 * The model a portable one stands for: the received data, its inputs, nodes and evidence given
 * their prototype (read through their properties only, never spread), its overrides revived whole.
 */
export function revivedModel(portable: PortableModel): Model {
  const { portable: _, ...model } = portable;
  const src = { file: model.file, text: model.text, lines: lineCounter(model.text) };
  const each = (recs: Iterable<object>, key: Key) => {
    const proto = revivalOf(src, key);
    for (const r of recs) Object.setPrototypeOf(r, proto);
  };
  each(Object.values(model.inputs), 'expr');
  each(Object.values(model.nodes), 'expr');
  each(Object.values(model.evidence), 'likelihood');
  for (const h of [...Object.values(model.scenarios), ...Object.values(model.imports)])
    (h as { overrides: unknown[] }).overrides = h.overrides.map((o) => revivedOverride(src, o));
  return model as unknown as Model;
}
