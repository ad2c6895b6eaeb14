// The server thread's side of portable.ts: the model the loading worker posted as columns, made a
// Model again. Each input, node and evidence is an object built from its row, with its fields as
// own data (as the loader's records have them) and its place, source and expression as accessors
// that build on first read and keep what they built; the expression parses here (it parsed in the
// worker, so it parses again). Nothing walks a record's expression until something reads it, so a
// change of a 44,000-quantity file costs this thread the building of 44,000 small objects.

import type { Evidence, Import, Model, Override, Quantity, Scenario } from '../../model/load.ts';
import { parseExpression, type Expr, type ExprSource } from '../../model/expression.ts';
import type { Loc, Place } from '../../model/errors.ts';
import { lineCounter, sourceAt } from '../../model/yaml-source.ts';
import type { Columns, EvidenceData, PortableModel, PortableOverride, QuantityData } from './portable.ts';

type Src = Parameters<typeof sourceAt>[0];

/** What the records of one kind share: the model's text and their places (4 numbers per record). */
interface Rows {
  src: Src;
  places: Int32Array;
}

/** The file's text with its line starts counted when a place is first asked for. */
function srcOf(file: string, text: string): Src {
  let lines: Src['lines'] | undefined;
  return {
    file,
    text,
    get lines() {
      return (lines ??= lineCounter(text));
    },
  };
}

/** The expression `text` parses to (it parsed in the worker, so it parses here). */
function exprOf(src: Src, text: string, source: ExprSource): Expr {
  const parsed = parseExpression(text, source);
  if (!parsed.ok) throw new Error(`${src.file}: an expression that loaded no longer parses`);
  return parsed.value.expr;
}

/** A record's place and source, built from its row when first read; assigning replaces them. */
abstract class Revived<L extends Place> {
  abstract text: string;
  readonly #rows: Rows;
  readonly #row: number;
  #loc: L | undefined;
  #source: ExprSource | undefined;

  constructor(rows: Rows, row: number) {
    this.#rows = rows;
    this.#row = row;
  }

  get loc(): L {
    const { src, places } = this.#rows;
    return (this.#loc ??= { file: src.file, line: places[4 * this.#row + 2]!, col: places[4 * this.#row + 3]! } as L);
  }
  set loc(loc: L) {
    this.#loc = loc;
  }

  get source(): ExprSource {
    const { src, places } = this.#rows;
    const at = 4 * this.#row;
    return (this.#source ??= sourceAt(src, this.text, places[at]!, places[at + 1] === 1));
  }
  set source(source: ExprSource) {
    this.#source = source;
  }

  protected parsed(): Expr {
    return exprOf(this.#rows.src, this.text, this.source);
  }
}

class RevivedQuantity extends Revived<Place> implements Quantity {
  name: string;
  label: string | null;
  unit: string | null;
  note: string | null;
  basis: Quantity['basis'];
  from: string | null;
  text: string;
  #expr: Expr | undefined;

  constructor({ data }: Columns<QuantityData>, rows: Rows, row: number) {
    super(rows, row);
    this.name = data.name[row]!;
    this.label = data.label[row]!;
    this.unit = data.unit[row]!;
    this.note = data.note[row]!;
    this.basis = data.basis[row]!;
    this.from = data.from[row]!;
    this.text = data.text[row]!;
  }

  get expr(): Expr {
    return (this.#expr ??= this.parsed());
  }
  set expr(expr: Expr) {
    this.#expr = expr;
  }
}

class RevivedEvidence extends Revived<Loc> implements Evidence {
  name: string;
  text: string;
  note: string | null;
  citation: string | null;
  applied: boolean;
  #likelihood: Expr | undefined;

  constructor({ data }: Columns<EvidenceData>, rows: Rows, row: number) {
    super(rows, row);
    this.name = data.name[row]!;
    this.text = data.text[row]!;
    this.note = data.note[row]!;
    this.citation = data.citation[row]!;
    this.applied = data.applied[row]!;
  }

  get likelihood(): Expr {
    return (this.#likelihood ??= this.parsed());
  }
  set likelihood(likelihood: Expr) {
    this.#likelihood = likelihood;
  }
}

/** The records the columns hold, by name, in a record without a prototype (as the loader makes them). */
function recordsOf<D, R extends { name: string }>(
  columns: Columns<D>,
  src: Src,
  make: (columns: Columns<D>, rows: Rows, row: number) => R,
): Record<string, R> {
  const rows: Rows = { src, places: columns.places };
  const out = Object.create(null) as Record<string, R>;
  for (let row = 0; row < columns.places.length / 4; row++) {
    const rec = make(columns, rows, row);
    out[rec.name] = rec;
  }
  return out;
}

/** An override (a scenario's or an import's), revived whole: they are few. */
function revivedOverride(src: Src, { offset, spans, line, col, ...rest }: PortableOverride): Override {
  const source = sourceAt(src, rest.text, offset, spans);
  return { ...rest, source, loc: { file: src.file, line, col }, expr: exprOf(src, rest.text, source) };
}

function withOverrides<T extends Scenario | Import>(
  src: Src,
  holders: Record<string, Omit<T, 'overrides'> & { overrides: PortableOverride[] }>,
): Record<string, T> {
  const out = Object.create(null) as Record<string, T>;
  for (const [k, h] of Object.entries(holders))
    out[k] = { ...h, overrides: h.overrides.map((o) => revivedOverride(src, o)) } as unknown as T;
  return out;
}

/** The model a portable one stands for. */
export function revivedModel(portable: PortableModel): Model {
  const { portable: _, inputs, nodes, evidence, scenarios, imports, ...rest } = portable;
  const src = srcOf(rest.file, rest.text);
  const quantity = (c: Columns<QuantityData>, rows: Rows, row: number) => new RevivedQuantity(c, rows, row);
  return {
    ...rest,
    inputs: recordsOf(inputs, src, quantity),
    nodes: recordsOf(nodes, src, quantity),
    scenarios: withOverrides<Scenario>(src, scenarios),
    evidence: recordsOf(evidence, src, (c, rows, row) => new RevivedEvidence(c, rows, row)),
    imports: withOverrides<Import>(src, imports),
  };
}
