// Reading a Guesstimate model (a space as its JSON export has it: graph.metrics, each a named
// cell, and graph.guesstimates, each cell's estimate) into a Credence model. Ranges keep
// Guesstimate's own meaning, a 90% interval (its samplers take z = 1.645): NORMAL [a,b] is
// normal((a + b)/2, (b − a)/(2·1.645)), LOGNORMAL the same on log scale, UNIFORM uniform(a, b);
// POINT is the number; FUNCTION is a math.js expression (Guesstimate evaluates with math.js)
// whose ${metric:ID} references become the cells' names. A cell with only its typed `input` is
// read as Guesstimate reads it (guesstimate-input.ts). DATA (pasted samples) has no Credence
// equivalent and is refused, at the line of the file where that cell's estimate is.

import { basename } from 'node:path';
import * as z from 'zod';
import { error, type CredenceError } from '../errors.ts';
import { nameFor, type ImportedModel, type ImportedQuantity } from './model-file.ts';
import { formulaOfInput, readInput } from './guesstimate-input.ts';

const Metric = z.looseObject({
  id: z.string(),
  name: z.string().nullish(),
  readableId: z.string().nullish(),
  location: z.looseObject({ row: z.number(), column: z.number() }).nullish(),
});
const Estimate = z.looseObject({
  metric: z.string(),
  guesstimateType: z.string().nullish(),
  expression: z.string().nullish(),
  input: z.string().nullish(),
  data: z.array(z.number()).nullish(),
});
const Graph = z.looseObject({ metrics: z.array(Metric), guesstimates: z.array(Estimate) });
const Space = z.looseObject({ name: z.string().nullish(), graph: Graph });

/** Guesstimate's z for the ends of a 90% interval. */
const Z90 = '1.645';

const NUMBER = /^\s*[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?\s*$/i;
const RANGE = /^\s*\[\s*([^,\]]+?)\s*,\s*([^,\]]+?)\s*\]\s*$/;

/** The line and column where `"metric": "<id>"` stands in the file (for messages). */
function placeOf(text: string, id: string, file: string) {
  const m = new RegExp(`"metric"\\s*:\\s*"${id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"`).exec(text);
  if (!m) return { file };
  const before = text.slice(0, m.index);
  const line = before.split('\n').length;
  return { file, line, col: m.index - before.lastIndexOf('\n') };
}

function rangeExpr(type: string, lo: string, hi: string): string {
  switch (type) {
    case 'NORMAL':
      return `normal((${lo} + ${hi}) / 2, (${hi} - ${lo}) / (2 * ${Z90}))`;
    case 'LOGNORMAL':
      return `lognormal((log(${lo}) + log(${hi})) / 2, (log(${hi}) - log(${lo})) / (2 * ${Z90}))`;
    default:
      return `uniform(${lo}, ${hi})`;
  }
}

type Imported = { ok: true; value: ImportedModel } | { ok: false; errors: CredenceError[] };

/** The space a file holds (bare or under `space`), or why it is not one. */
function readSpace(
  text: string,
  file: string,
): { ok: true; value: z.infer<typeof Space> } | { ok: false; errors: CredenceError[] } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return { ok: false, errors: [error('unsupported', `not JSON: ${(e as Error).message}`, { file })] };
  }
  const parsed = Space.safeParse((json as { space?: unknown } | null)?.space ?? json);
  if (!parsed.success)
    return {
      ok: false,
      errors: [
        error('unsupported', 'not a Guesstimate export: it needs graph.metrics and graph.guesstimates', { file }),
      ],
    };
  return { ok: true, value: parsed.data };
}

/** What the cells are read into, and what reading them needs. */
interface Reading {
  text: string;
  file: string;
  /** Each cell's Credence name by its id. */
  names: Map<string, string>;
  /** Cell ids by their readable ids (what a typed formula refers to). */
  idOfReadable: Map<string, string>;
  out: ImportedModel;
  /** Cells another cell's formula refers to. */
  used: Set<string>;
  errors: CredenceError[];
}

/** The model a Guesstimate export is, or every refusal with its place. */
export function importGuesstimate(text: string, file: string, fallbackTitle: string): Imported {
  const space = readSpace(text, file);
  if (!space.ok) return space;
  const { graph, name } = space.value;
  const taken = new Set<string>();
  // Reading order: row by row, as the cells stand on Guesstimate's canvas.
  const metrics = [...graph.metrics].sort(
    (a, b) => (a.location?.row ?? 0) - (b.location?.row ?? 0) || (a.location?.column ?? 0) - (b.location?.column ?? 0),
  );
  const r: Reading = {
    text,
    file,
    names: new Map(metrics.map((m) => [m.id, nameFor(m.name || m.readableId || m.id, taken)])),
    idOfReadable: new Map(metrics.flatMap((m) => (m.readableId ? [[m.readableId, m.id] as const] : []))),
    out: { title: name || fallbackTitle, inputs: {}, nodes: {}, output: '' },
    used: new Set<string>(),
    errors: [],
  };
  const estimates = new Map(graph.guesstimates.map((g) => [g.metric, g]));
  for (const m of metrics) readCell(r, m, estimates.get(m.id));
  const { out, errors, names } = r;
  // The output: the last cell, in reading order, that no other cell uses.
  const sinks = metrics.filter((m) => !r.used.has(m.id) && names.get(m.id)! in { ...out.inputs, ...out.nodes });
  out.output = names.get(sinks.at(-1)?.id ?? '') ?? '';
  if (errors.length === 0 && out.output === '')
    errors.push(error('unsupported', 'the space has no estimates: there is nothing to import', { file }));
  return errors.length ? { ok: false, errors } : { ok: true, value: out };
}

/** A cell's type and expression; from its typed text when it has only that. A string: why it cannot be read. */
function estimateOf(r: Reading, g: z.infer<typeof Estimate>): { type: string; expression: string } | string {
  const type = (g.guesstimateType ?? '').toUpperCase();
  const expression = (g.expression ?? '').trim();
  // Only the typed text: read it as Guesstimate's formatters would have.
  if (expression !== '' || !g.input || type === 'DATA') return { type, expression };
  const read = readInput(g.input, type);
  if (read === null)
    return `cannot read the typed estimate '${g.input.trim()}' (a number, a range such as 5 to 15, or a formula =…)`;
  if (read.kind === 'formula') return { type: 'FUNCTION', expression: formulaOfInput(read.text, r.idOfReadable) };
  if (read.kind === 'point') return { type: 'POINT', expression: read.value };
  return { type: read.type, expression: `[${read.lo},${read.hi}]` };
}

/** One cell into an input or a node of `r.out`, or a refusal at its estimate's line. */
function readCell(r: Reading, m: z.infer<typeof Metric>, g: z.infer<typeof Estimate> | undefined): void {
  const at = placeOf(r.text, m.id, r.file);
  const label = m.name || m.readableId || m.id;
  const refuse = (message: string) => r.errors.push(error('unsupported', `'${label}': ${message}`, at));
  if (!g || (!g.expression && !g.input && !g.data)) return;
  const estimate = estimateOf(r, g);
  if (typeof estimate === 'string') return void refuse(estimate);
  const { type, expression } = estimate;
  const from = `${basename(r.file)}${'line' in at ? `:${at.line}` : ''}, cell ${m.readableId ?? m.id}`;
  const quantity = (expr: string): ImportedQuantity => ({ expr, from, label });
  const nameOf = r.names.get(m.id)!;
  if (type === 'DATA')
    return void refuse('a cell of data (pasted samples) has no Credence equivalent; describe it by a distribution');
  if (type === 'FUNCTION' || expression.startsWith('=')) {
    const formula = formulaOf(r, expression);
    if (typeof formula === 'string') return void refuse(formula);
    for (const ref of formula.refs) r.used.add(ref);
    (formula.refs.size ? r.out.nodes : r.out.inputs)[nameOf] = quantity(formula.expr);
    return;
  }
  const range = RANGE.exec(expression);
  if (range && ['NORMAL', 'LOGNORMAL', 'UNIFORM'].includes(type)) {
    const [, lo, hi] = range as unknown as [string, string, string];
    if (!NUMBER.test(lo) || !NUMBER.test(hi)) refuse(`the range ${expression} is not two numbers`);
    else if (!(Number(lo) < Number(hi))) refuse(`the range ${expression} must go from low to high`);
    else if (type === 'LOGNORMAL' && !(Number(lo) > 0)) refuse('a lognormal range must be above 0');
    else r.out.inputs[nameOf] = quantity(rangeExpr(type, lo.trim(), hi.trim()));
    return;
  }
  if (NUMBER.test(expression) && (type === 'POINT' || type === '')) {
    r.out.inputs[nameOf] = quantity(String(Number(expression)));
    return;
  }
  refuse(`cannot read the estimate '${expression}' (type ${type || 'none'})`);
}

/** A formula with its ${metric:ID} references as the cells' names, and the cells it uses; a string: why not. */
function formulaOf(r: Reading, expression: string): { expr: string; refs: Set<string> } | string {
  const refs = new Set<string>();
  let unknown: string | null = null;
  const expr = expression.replace(/^=/, '').replace(/\$\{metric:([^}]+)\}/g, (_, id: string) => {
    const n = r.names.get(id);
    if (!n) unknown ??= id;
    else refs.add(id);
    return n ?? id;
  });
  if (unknown !== null) return `it refers to a cell '${unknown}' the file does not have`;
  if (expr.trim() === '') return 'the formula is empty';
  return { expr: expr.trim(), refs };
}
