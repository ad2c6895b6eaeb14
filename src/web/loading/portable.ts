// A loaded model as plain data, so that the loading worker hands the server thread the model it
// built rather than the text to parse again. What crosses is what is cheap to receive: the
// inputs, nodes and evidence as columns (one array per field, their places as numbers in one
// typed array), never the expression trees nor the sources' `loc` functions. Receiving 44,000
// records as objects, even without their trees, was most of the server thread's time per change of
// a large file; columns arrive as a few arrays. The server thread (revived.ts) builds each record
// from its row and parses an expression only when something first reads it: runs and analyses
// parse the texts in the compute workers.

import type { Evidence, Import, Model, Override, Scenario, Quantity } from '../../model/load.ts';
import type { ExprSource } from '../../model/expression.ts';
import type { Place } from '../../model/errors.ts';

/** What a quantity or evidence holds besides its expression, source and place. */
export type QuantityData = Omit<Quantity, 'expr' | 'source' | 'loc'>;
export type EvidenceData = Omit<Evidence, 'likelihood' | 'source' | 'loc'>;

/** Records of one kind as columns: `data[field][i]` is record i's field; its place is `places[4i…4i+3]`. */
export interface Columns<D> {
  data: { [K in keyof D]: D[K][] };
  /** Per record: where its text starts in the file, 1 if offsets inside it map through, its key's line and column. */
  places: Int32Array;
}

/** Every field that crosses as data, in the loader's order; tsc fails here when a record gains a field. */
const fieldsOf =
  <D>() =>
  <const K extends readonly (keyof D)[]>(keys: Exclude<keyof D, K[number]> extends never ? K : never) =>
    keys;
export const QUANTITY_FIELDS = fieldsOf<QuantityData>()(['name', 'label', 'unit', 'note', 'basis', 'from', 'text']);
export const EVIDENCE_FIELDS = fieldsOf<EvidenceData>()(['name', 'text', 'note', 'citation', 'applied']);

/** An override as data: its place as numbers (overrides are few, so they cross as objects). */
export type PortableOverride = Omit<Override, 'expr' | 'source' | 'loc'> & {
  offset: number;
  spans: boolean;
  line: number;
  col: number;
};
type WithOverrides<T extends Scenario | Import> = Omit<T, 'overrides'> & { overrides: PortableOverride[] };

/** A Model as data: it can be posted between threads. */
export interface PortableModel extends Omit<Model, 'inputs' | 'nodes' | 'evidence' | 'scenarios' | 'imports'> {
  readonly portable: true;
  inputs: Columns<QuantityData>;
  nodes: Columns<QuantityData>;
  evidence: Columns<EvidenceData>;
  scenarios: Record<string, WithOverrides<Scenario>>;
  imports: Record<string, WithOverrides<Import>>;
}

type Sourced = { name: string; text: string; source: ExprSource; loc: Place };

/** Where `rec`'s text starts and its key's place, or null when they cannot be rebuilt from numbers and the file. */
function placeOf(rec: Sourced, file: string): [offset: number, spans: boolean, line: number, col: number] | null {
  const { origin, text } = rec.source;
  const { line, col } = rec.loc;
  if (!origin || text !== rec.text || rec.loc.file !== file || line === undefined || col === undefined) return null;
  return [origin.offset, origin.spans, line, col];
}

/** The records as columns, or null when one cannot travel (or is not filed under its own name). */
function columnsOf<R extends Sourced, D>(
  recs: Record<string, R>,
  fields: readonly (keyof D & keyof R)[],
  file: string,
): Columns<D> | null {
  const keys = Object.keys(recs);
  const data = {} as Record<keyof D, unknown[]>;
  for (const f of fields) data[f] = new Array<unknown>(keys.length);
  const places = new Int32Array(4 * keys.length);
  for (let i = 0; i < keys.length; i++) {
    const rec = recs[keys[i]!]!;
    const place = placeOf(rec, file);
    if (!place || rec.name !== keys[i]) return null;
    for (const f of fields) data[f][i] = rec[f];
    places.set([place[0], place[1] ? 1 : 0, place[2], place[3]], 4 * i);
  }
  return { data, places } as Columns<D>;
}

function overridesOf<T extends Scenario | Import>(holder: T, file: string): WithOverrides<T> | null {
  const overrides: PortableOverride[] = [];
  for (const o of holder.overrides) {
    const place = placeOf(o, file);
    if (!place) return null;
    const [offset, spans, line, col] = place;
    overrides.push({ name: o.name, text: o.text, offset, spans, line, col });
  }
  return { ...holder, overrides };
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

/** The model as data, or null if a source cannot travel (the text is then parsed again). */
export function portableModel(model: Model): PortableModel | null {
  const { file } = model;
  const inputs = columnsOf<Quantity, QuantityData>(model.inputs, QUANTITY_FIELDS, file);
  const nodes = columnsOf<Quantity, QuantityData>(model.nodes, QUANTITY_FIELDS, file);
  const evidence = columnsOf<Evidence, EvidenceData>(model.evidence, EVIDENCE_FIELDS, file);
  const scenarios = mapValues(model.scenarios, (s) => overridesOf(s, file));
  const imports = mapValues(model.imports, (i) => overridesOf(i, file));
  if (!inputs || !nodes || !evidence || !scenarios || !imports) return null;
  return { ...model, portable: true, inputs, nodes, evidence, scenarios, imports };
}
