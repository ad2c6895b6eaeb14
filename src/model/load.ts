// Load one model file: YAML → zod → parsed expressions → a typed Model, or located errors.
// Checks here are the ones a single file can answer; imports are resolved in graph.ts.

import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename, extname, relative } from 'node:path';
import { ModelFileSchema, MODEL_ID, type Basis } from './schema.ts';
import { parseExpression, refsOf, type Expr, type ExprSource } from './expression.ts';
import { exprSource, keyLoc, pathLoc, readYaml, type YamlSource } from './yaml-source.ts';
import { zodIssuesToErrors } from './issues.ts';
import { suggest } from './suggest.ts';
import { reservedReason, CONSTANTS } from './names.ts';
import { error, fail, type Loc, type Place, type CredenceError, type Result } from './errors.ts';

export interface Quantity {
  name: string;
  label: string | null;
  unit: string | null;
  note: string | null;
  /** An input's provenance: a source's figure or the modeller's assumption (null when undeclared, and for nodes). */
  basis: Basis | null;
  /** For a source's figure, the document and passage it comes from. */
  from: string | null;
  /** The expression as the forecaster wrote it. */
  text: string;
  expr: Expr;
  source: ExprSource;
  /** The quantity's key in its file; for a probe asked at run time, the start of its text. */
  loc: Place;
}

export interface Override {
  name: string;
  text: string;
  expr: Expr;
  source: ExprSource;
  loc: Loc;
}

export interface Scenario {
  name: string;
  label: string | null;
  note: string | null;
  sources: string[];
  overrides: Override[];
  loc: Loc;
}

export interface Evidence {
  name: string;
  text: string;
  likelihood: Expr;
  source: ExprSource;
  note: string | null;
  citation: string | null;
  applied: boolean;
  loc: Loc;
}

export interface Import {
  alias: string;
  modelId: string;
  /** Overrides of the imported model's inputs (names as in that model; expressions in this one's). */
  overrides: Override[];
  note: string | null;
  loc: Loc;
}

export interface Model {
  id: string;
  file: string;
  /** Hash of the file's text: the cache key for anything computed from it. */
  hash: string;
  title: string;
  /** The question the output answers, in one plain sentence, when the file states it. */
  question: string | null;
  description: string;
  sources: string[];
  inputs: Record<string, Quantity>;
  nodes: Record<string, Quantity>;
  output: string;
  outputLoc: Loc;
  scenarios: Record<string, Scenario>;
  evidence: Record<string, Evidence>;
  imports: Record<string, Import>;
}

export function modelIdOf(file: string): string {
  return basename(file, extname(file));
}

/** A path as shown in messages: relative to the working directory when inside it. */
export function displayPath(file: string): string {
  const rel = relative(process.cwd(), file);
  return rel && !rel.startsWith('..') ? rel : file;
}

export function loadModelFile(path: string): Result<Model> {
  const file = displayPath(path);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    return fail(
      error('file-unreadable', `cannot read the file: ${(e as NodeJS.ErrnoException).code ?? String(e)}`, { file }),
    );
  }
  return loadModelText(text, file, modelIdOf(path));
}

export function loadModelText(text: string, file: string, id: string): Result<Model> {
  if (!MODEL_ID.test(id)) {
    return fail(
      error('bad-model-id', `'${id}' is not a usable model id: name the file with letters, digits, '-' and '_'`, {
        file,
      }),
    );
  }
  const read = readYaml(file, text);
  if (!read.ok) return read;
  const { src, data } = read;
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    return fail(
      error(
        'not-a-mapping',
        'a model file must be a mapping with at least title, inputs or nodes, and output',
        src.doc.contents ? pathLoc(src, []) : { file },
      ),
    );
  }
  const parsed = ModelFileSchema.safeParse(data);
  if (!parsed.success) return { ok: false, errors: zodIssuesToErrors(src, parsed.error.issues) };
  const f = parsed.data;
  const errors: CredenceError[] = [];
  const expr = (path: (string | number)[], value: string): { expr: Expr; source: ExprSource } | null => {
    const source = exprSource(src, path, value);
    const r = parseExpression(value, source);
    if (!r.ok) {
      errors.push(r.error);
      return null;
    }
    return { expr: r.value.expr, source };
  };
  const checkName = (section: string, name: string) => {
    const why = reservedReason(name);
    if (why) errors.push(error('bad-name', why, keyLoc(src, [section], name)));
  };

  const quantity = (
    section: 'inputs' | 'nodes',
    field: 'dist' | 'expr',
    name: string,
    raw: unknown,
  ): Quantity | null => {
    checkName(section, name);
    const obj = typeof raw === 'string' ? { [field]: raw } : (raw as Record<string, string | undefined>);
    const value = obj[field]!;
    const path = typeof raw === 'string' ? [section, name] : [section, name, field];
    const e = expr(path, value);
    if (!e) return null;
    return {
      name,
      label: obj.label ?? null,
      unit: obj.unit ?? null,
      note: obj.note ?? null,
      basis: (obj.basis as Basis | undefined) ?? null,
      from: obj.from ?? null,
      text: value,
      ...e,
      loc: keyLoc(src, [section], name),
    };
  };

  // Records without a prototype, so that a lookup by a name from the file never finds Object's members.
  const inputs: Record<string, Quantity> = Object.create(null);
  for (const [name, raw] of Object.entries(f.inputs ?? {})) {
    const q = quantity('inputs', 'dist', name, raw);
    if (q) inputs[name] = q;
  }
  const nodes: Record<string, Quantity> = Object.create(null);
  for (const [name, raw] of Object.entries(f.nodes ?? {})) {
    if (Object.hasOwn(f.inputs ?? {}, name)) {
      errors.push(
        error('duplicate-name', `'${name}' is defined both as an input and as a node`, keyLoc(src, ['nodes'], name)),
      );
      continue;
    }
    const q = quantity('nodes', 'expr', name, raw);
    if (q) nodes[name] = q;
  }

  const imports: Record<string, Import> = Object.create(null);
  for (const [alias, raw] of Object.entries(f.imports ?? {})) {
    checkName('imports', alias);
    const long = typeof raw !== 'string';
    const modelId = long ? raw.model : raw;
    const loc = pathLoc(src, long ? ['imports', alias, 'model'] : ['imports', alias]);
    if (alias in inputs || alias in nodes)
      errors.push(
        error('duplicate-name', `the import alias '${alias}' is also the name of a quantity in this model`, loc),
      );
    if (!MODEL_ID.test(modelId))
      errors.push(error('bad-model-id', `'${modelId}' is not a model id (a file name in models/ without .yaml)`, loc));
    const overrides: Override[] = [];
    for (const [target, value] of Object.entries((long && raw.set) || {})) {
      const e = expr(['imports', alias, 'set', target], value);
      if (e) overrides.push({ name: target, text: value, ...e, loc: keyLoc(src, ['imports', alias, 'set'], target) });
    }
    imports[alias] = { alias, modelId, overrides, note: (long && raw.note) || null, loc };
  }

  const scenarios: Record<string, Scenario> = Object.create(null);
  for (const [name, raw] of Object.entries(f.scenarios ?? {})) {
    const long = 'set' in raw && typeof raw.set === 'object' && raw.set !== null;
    const set = (long ? raw.set : raw) as Record<string, string>;
    const base = long ? ['scenarios', name, 'set'] : ['scenarios', name];
    const overrides: Override[] = [];
    for (const [target, value] of Object.entries(set)) {
      const e = expr([...base, target], value);
      if (e) overrides.push({ name: target, text: value, ...e, loc: keyLoc(src, base, target) });
    }
    const meta = long ? (raw as { label?: string; note?: string; sources?: string[] }) : {};
    scenarios[name] = {
      name,
      label: meta.label ?? null,
      note: meta.note ?? null,
      sources: meta.sources ?? [],
      overrides,
      loc: keyLoc(src, ['scenarios'], name),
    };
  }

  const evidence: Record<string, Evidence> = Object.create(null);
  for (const [name, raw] of Object.entries(f.evidence ?? {})) {
    const e = expr(['evidence', name, 'likelihood'], raw.likelihood);
    if (!e) continue;
    evidence[name] = {
      name,
      text: raw.likelihood,
      likelihood: e.expr,
      source: e.source,
      note: raw.note ?? null,
      citation: raw.source ?? null,
      applied: raw.applied ?? true,
      loc: keyLoc(src, ['evidence'], name),
    };
  }

  const model: Model = {
    id,
    file,
    hash: createHash('sha256').update(text).digest('hex').slice(0, 16),
    title: f.title,
    question: f.question ?? null,
    description: f.description ?? '',
    sources: f.sources ?? [],
    inputs,
    nodes,
    output: f.output,
    outputLoc: pathLoc(src, ['output']),
    scenarios,
    evidence,
    imports,
  };
  if (errors.length === 0) errors.push(...checkLocalRefs(model, src));
  return errors.length > 0 ? { ok: false, errors } : { ok: true, value: model };
}

/** Undefined names, a bad output, and cycles between nodes: all answerable from this file alone. */
function checkLocalRefs(model: Model, src: YamlSource): CredenceError[] {
  const errors: CredenceError[] = [];
  const local = [...Object.keys(model.inputs), ...Object.keys(model.nodes)];
  const known = new Set(local);
  const check = (expr: Expr, source: ExprSource, where: string) => {
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
            : suggest(r.name, local);
        errors.push(error('unknown-name', `unknown name '${r.name}' in ${where}${hint}`, source.loc(r.at)));
      }
    }
  };
  for (const q of Object.values(model.inputs)) check(q.expr, q.source, `input '${q.name}'`);
  for (const q of Object.values(model.nodes)) check(q.expr, q.source, `node '${q.name}'`);
  for (const e of Object.values(model.evidence)) check(e.likelihood, e.source, `evidence '${e.name}'`);
  for (const imp of Object.values(model.imports))
    for (const o of imp.overrides) check(o.expr, o.source, `the import '${imp.alias}'`);
  for (const s of Object.values(model.scenarios)) {
    for (const o of s.overrides) {
      check(o.expr, o.source, `scenario '${s.name}'`);
      if (!o.name.includes('.') && !(o.name in model.inputs)) {
        errors.push(
          o.name in model.nodes
            ? error('not-an-input', `'${o.name}' is a node; a scenario can only override inputs`, o.loc)
            : error(
                'unknown-name',
                `scenario '${s.name}' overrides '${o.name}', which is not an input of this model${suggest(o.name, Object.keys(model.inputs))}`,
                o.loc,
              ),
        );
      }
    }
  }
  const out = model.output;
  if (!out.includes('.') && !known.has(out)) {
    errors.push(
      error(
        'unknown-name',
        `the output '${out}' is not an input or node of this model${suggest(out, local)}`,
        model.outputLoc,
      ),
    );
  } else if (out.includes('.') && !(out.split('.')[0]! in model.imports)) {
    errors.push(error('unknown-model', `the output '${out}' names a model that is not imported`, model.outputLoc));
  }
  errors.push(...findCycles(model));
  void src;
  return errors;
}

/** Cycles among inputs and nodes of one model, each reported once at one of its members. */
function findCycles(model: Model): CredenceError[] {
  const all: Record<string, Quantity> = Object.assign(Object.create(null), model.inputs, model.nodes);
  const state = new Map<string, 1 | 2>();
  const errors: CredenceError[] = [];
  const stack: string[] = [];
  const visit = (name: string) => {
    state.set(name, 1);
    stack.push(name);
    for (const r of refsOf(all[name]!.expr)) {
      if (!(r.name in all)) continue;
      const s = state.get(r.name);
      if (s === 1) {
        const cycle = [...stack.slice(stack.indexOf(r.name)), r.name];
        errors.push(error('cycle', `circular definition: ${cycle.join(' → ')}`, all[name]!.source.loc(r.at)));
      } else if (s === undefined) visit(r.name);
    }
    stack.pop();
    state.set(name, 2);
  };
  for (const name of Object.keys(all)) if (!state.has(name)) visit(name);
  return errors;
}
