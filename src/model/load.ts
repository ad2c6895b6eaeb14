// Load one model file: YAML → zod → parsed expressions → a typed Model, or located errors.
// Checks here are the ones a single file can answer; imports are resolved in graph.ts.

import { createHash } from 'node:crypto';
import { basename, extname, relative } from 'node:path';
import { ModelFileSchema, MODEL_ID, type Basis } from './schema.ts';
import { parseExpression, type Expr, type ExprSource } from './expression.ts';
import { exprSource, keyLoc, pathLoc, readYaml } from './yaml-source.ts';
import { zodIssuesToErrors } from './issues.ts';
import { checkLocalRefs } from './references.ts';
import { readTextFile } from './read-file.ts';
import { LIMITS, count, limitError } from './limits.ts';
import { reservedReason } from './names.ts';
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
  /** The file's text as loaded (so nothing needs to read the file again, and race an edit). */
  text: string;
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

/** Load the file at `path`; with `root`, a link leading out of that folder is refused. */
export function loadModelFile(path: string, root?: string): Result<Model> {
  const file = displayPath(path);
  const text = readTextFile(path, file, root);
  return text.ok ? loadModelText(text.value, file, modelIdOf(path)) : text;
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
  const quantities = Object.keys(f.inputs ?? {}).length + Object.keys(f.nodes ?? {}).length;
  if (quantities > LIMITS.quantities) {
    const what = `the file defines ${count(quantities)} inputs and nodes`;
    return fail(limitError('quantities', what, keyLoc(src, [], f.nodes ? 'nodes' : 'inputs')));
  }
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
    text,
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
  if (errors.length === 0) errors.push(...checkLocalRefs(model));
  return errors.length > 0 ? { ok: false, errors } : { ok: true, value: model };
}
