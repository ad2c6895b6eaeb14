// A loaded model as plain data, so that the loading worker hands the server thread the model it
// built rather than the text to parse again: for the largest file the limits allow, parsing takes
// the server thread 1.3–1.8 s of CPU and receiving the built model about a fifth of that. Only the
// expressions' sources hold functions (their `loc`); they travel as their origin and are rebuilt
// against the model's own text, so every located error points where the parsed model's would.

import type { Model, Override, Quantity } from '../../model/load.ts';
import type { ExprSource, SourceOrigin } from '../../model/expression.ts';
import { lineCounter, sourceAt } from '../../model/yaml-source.ts';

/** A source as data. */
type PortableSource = { text: string; origin: SourceOrigin };

/** A Model whose sources are data: it can be posted between threads. */
export type PortableModel = Model & { readonly portable: true };

type Sourced = { source: ExprSource | PortableSource };

/** Apply `f` to each record of the model that holds a source, giving a model with the results. */
function mapSources(model: Model, f: (s: Sourced['source']) => Sourced['source']): Model {
  const each = <T extends Sourced>(rec: Record<string, T>): Record<string, T> => {
    const out: Record<string, T> = {};
    for (const [k, v] of Object.entries(rec)) out[k] = { ...v, source: f(v.source) };
    return out;
  };
  const overrides = (xs: Override[]) => xs.map((o) => ({ ...o, source: f(o.source) }) as Override);
  const scenarios: Model['scenarios'] = {};
  for (const [k, s] of Object.entries(model.scenarios)) scenarios[k] = { ...s, overrides: overrides(s.overrides) };
  const imports: Model['imports'] = {};
  for (const [k, i] of Object.entries(model.imports)) imports[k] = { ...i, overrides: overrides(i.overrides) };
  return {
    ...model,
    inputs: each(model.inputs as Record<string, Quantity>),
    nodes: each(model.nodes),
    evidence: each(model.evidence),
    scenarios,
    imports,
  } as Model;
}

/** The model with its sources as data, or null if one has no origin (it is then parsed again). */
export function portableModel(model: Model): PortableModel | null {
  let complete = true;
  const out = mapSources(model, (s) => {
    if (!s.origin) complete = false;
    return { text: s.text, origin: s.origin! };
  });
  return complete ? { ...out, portable: true } : null;
}

/** The model a portable one stands for, its sources' `loc` rebuilt on its text. */
export function revivedModel(portable: PortableModel): Model {
  const { portable: _, ...model } = portable;
  const src = { file: model.file, text: model.text, lines: lineCounter(model.text) };
  return mapSources(model, ({ text, origin }) => sourceAt(src, text, origin!.offset, origin!.spans));
}
