// A model the loading worker built crosses to the server thread as data and comes back as the
// model parsing its text gives: the same fields, and every expression's source locating each
// offset where the parsed model's does (errors found later point at the same line and column), and
// every expression, parsed on the server thread when first read, the tree the worker built.

import { describe, it, expect } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { loadModelText, type Model, type Quantity } from '../../../src/model/load.ts';
import type { Expr, ExprSource } from '../../../src/model/expression.ts';
import { portableModel } from '../../../src/web/loading/portable.ts';
import { revivedModel } from '../../../src/web/loading/revived.ts';
import { SHIPPED_MODELS } from '../helpers.ts';

// Every place a source can sit: inputs (short and long form, a block scalar), nodes, scenarios,
// evidence, an import with overrides, and an expression YAML hands over as a number.
const ALL_PLACES = [
  'title: places',
  'imports:',
  '  base: { model: other, set: { q: "p * 2" } }',
  'inputs:',
  '  p: beta(2, 3)',
  '  n: 7',
  '  w:',
  '    dist: >-',
  '      normal(1,',
  '      2)',
  '    basis: assumption',
  'nodes:',
  "  out: 'p + n / w'",
  'output: out',
  'scenarios:',
  '  high: { p: 0.9 }',
  '  low:',
  '    label: Low',
  '    set: { n: "3 + p" }',
  'evidence:',
  '  seen: { likelihood: "p ^ 2" }',
  '',
].join('\n');

/** Every place holding an expression: its source and its tree. */
function sourcesOf(m: Model): [string, ExprSource, Expr][] {
  const out: [string, ExprSource, Expr][] = [];
  for (const [k, q] of Object.entries(m.inputs)) out.push([`inputs.${k}`, q.source, q.expr]);
  for (const [k, q] of Object.entries(m.nodes)) out.push([`nodes.${k}`, q.source, q.expr]);
  for (const [k, e] of Object.entries(m.evidence)) out.push([`evidence.${k}`, e.source, e.likelihood]);
  for (const [k, s] of Object.entries(m.scenarios))
    for (const o of s.overrides) out.push([`scenarios.${k}.${o.name}`, o.source, o.expr]);
  for (const [k, i] of Object.entries(m.imports))
    for (const o of i.overrides) out.push([`imports.${k}.${o.name}`, o.source, o.expr]);
  return out;
}

function loaded(text: string, id: string): Model {
  const r = loadModelText(text, `models/${id}.yaml`, id);
  if (!r.ok) throw new Error(`${id}: ${r.errors[0]!.message}`);
  return r.value;
}

/** A record's own fields but those built on first read. */
function dataOf(rec: object): Record<string, unknown> {
  return Object.fromEntries(Object.entries(rec).filter(([k]) => !['expr', 'likelihood', 'source', 'loc'].includes(k)));
}

/**
 * The revived records: filed under the same names, in records without a prototype (a name from a
 * request never finds Object's members), each with the parsed record's fields as its own and the
 * same place.
 */
function expectSameRecords(parsed: Model, revived: Model): void {
  for (const kind of ['inputs', 'nodes', 'evidence', 'scenarios', 'imports'] as const) {
    expect(Object.getPrototypeOf(revived[kind])).toBeNull();
    expect(Object.keys(revived[kind])).toEqual(Object.keys(parsed[kind]));
  }
  for (const kind of ['inputs', 'nodes', 'evidence'] as const)
    for (const [k, rec] of Object.entries(parsed[kind])) {
      const again = revived[kind][k]!;
      expect({ kind, k, data: dataOf(again), loc: again.loc }).toEqual({ kind, k, data: dataOf(rec), loc: rec.loc });
    }
}

function expectSameModel(parsed: Model): void {
  const portable = portableModel(parsed);
  expect(portable).not.toBeNull();
  // What the worker posts: a structured clone, which would throw on any function left in it, and
  // which holds no expression tree (the server thread parses one when it is first read).
  const posted = structuredClone(portable!);
  expect(JSON.stringify(posted)).not.toMatch(/"(expr|likelihood|source)":/);
  const revived = revivedModel(posted);
  expect(portableModel(revived)).toEqual(portable);
  expectSameRecords(parsed, revived);
  const before = sourcesOf(parsed);
  const after = new Map(sourcesOf(revived).map(([where, source, expr]) => [where, { source, expr }]));
  expect(after.size).toBe(before.length);
  for (const [where, source, expr] of before) {
    const again = after.get(where)!;
    // The tree the server thread parses on first read is the one the worker built.
    expect({ where, expr: again.expr }).toEqual({ where, expr });
    for (const at of [0, 1, Math.floor(source.text.length / 2), source.text.length, source.text.length + 5])
      expect({ where, at, loc: again.source.loc(at) }).toEqual({ where, at, loc: source.loc(at) });
  }
}

describe('a model posted from the loading worker', () => {
  it('is the parsed model for a file with a source in every kind of place', () => {
    const m = loaded(ALL_PLACES, 'places');
    // The fixture covers each kind of place (so the comparison below is not vacuous).
    expect(sourcesOf(m).map(([w]) => w.split('.')[0])).toEqual(
      expect.arrayContaining(['inputs', 'nodes', 'evidence', 'scenarios', 'imports']),
    );
    // A block scalar locates at its start; a one-line scalar maps each offset to its column.
    expect(m.inputs.w!.source.origin).toMatchObject({ spans: false });
    expect(m.nodes.out!.source.origin).toMatchObject({ spans: true });
    expectSameModel(m);
  });

  it('is the parsed model for every shipped model', () => {
    const files = readdirSync(SHIPPED_MODELS).filter((f) => f.endsWith('.yaml') && f !== 'predictions.yaml');
    expect(files.length).toBeGreaterThan(5);
    for (const f of files) expectSameModel(loaded(readFileSync(join(SHIPPED_MODELS, f), 'utf8'), f.slice(0, -5)));
  });

  it('cannot be copied by spreading: the copy would lack what is built on first read', () => {
    const parsed = loaded(ALL_PLACES, 'places');
    const revived = revivedModel(structuredClone(portableModel(parsed)!));
    const q = revived.inputs.p!;
    const copy = { ...q, text: q.text };
    // @ts-expect-error A spread's type lacks the accessors of Quantity (a class type), so tsc refuses the copy.
    const asQuantity: Quantity = copy;
    // What tsc prevents: the copy has the data but neither expression, source nor place.
    expect(asQuantity).toEqual(dataOf(parsed.inputs.p!));
    expect([asQuantity.expr, asQuantity.source, asQuantity.loc]).toEqual([undefined, undefined, undefined]);
    // A copy naming every field is whole; assigning a record's expression replaces it.
    const whole: Quantity = { ...copy, expr: q.expr, source: q.source, loc: q.loc };
    expect(whole.expr).toEqual(parsed.inputs.p!.expr);
    q.expr = parsed.inputs.n!.expr;
    expect(revived.inputs.p!.expr).toBe(parsed.inputs.n!.expr);
  });
});
