// Load one model file: YAML → zod → parsed expressions → a typed Model, or located errors.
// Checks here are the ones a single file can answer; imports are resolved in graph.ts. Each
// section of the file is read in load-sections.ts.

import { createHash } from 'node:crypto';
import { basename, extname, relative } from 'node:path';
import { ModelFileSchema, MODEL_ID, type Basis, type ModelFile } from './schema.ts';
import type { Expr, ExprSource } from './expression.ts';
import { keyLoc, pathLoc, readYaml, type YamlSource } from './yaml-source.ts';
import { zodIssuesToErrors } from './issues.ts';
import { checkLocalRefs } from './references.ts';
import { readTextFile } from './read-file.ts';
import { LIMITS, count, limitError } from './limits.ts';
import { error, fail, ok, type Loc, type Place, type Result } from './errors.ts';
import {
  readEvidence,
  readImports,
  readInputs,
  readNodes,
  readScenarios,
  type SectionReader,
} from './load-sections.ts';

/**
 * An input or node. Its expression, source and place are declared as accessors (a class type,
 * never constructed as one) because a model the server receives from its loading worker builds
 * them when first read: a spread copy (`{ ...q }`) has only own data and would lack them, and
 * TypeScript leaves a class's accessors out of a spread's type, so such a copy does not compile
 * where a Quantity is expected. Build a changed copy with every field named instead.
 */
export declare abstract class Quantity {
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
  get expr(): Expr;
  set expr(expr: Expr);
  get source(): ExprSource;
  set source(source: ExprSource);
  /** The quantity's key in its file; for a probe asked at run time, the start of its text. */
  get loc(): Place;
  set loc(loc: Place);
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

/** A piece of evidence; its likelihood, source and place are accessors for the reason Quantity's are. */
export declare abstract class Evidence {
  name: string;
  text: string;
  get likelihood(): Expr;
  set likelihood(likelihood: Expr);
  get source(): ExprSource;
  set source(source: ExprSource);
  note: string | null;
  citation: string | null;
  applied: boolean;
  get loc(): Loc;
  set loc(loc: Loc);
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
  const read = readModelFile(text, file);
  if (!read.ok) return read;
  const { src, f } = read.value;
  const r: SectionReader = { src, errors: [] };
  const inputs = readInputs(r, f);
  const nodes = readNodes(r, f);
  const imports = readImports(r, f, { inputs, nodes });
  const scenarios = readScenarios(r, f);
  const evidence = readEvidence(r, f);
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
  const errors = r.errors;
  if (errors.length === 0) errors.push(...checkLocalRefs(model));
  return errors.length > 0 ? { ok: false, errors } : { ok: true, value: model };
}

/** The file's YAML, checked against the schema and the limit on its quantities. */
function readModelFile(text: string, file: string): Result<{ src: YamlSource; f: ModelFile }> {
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
  return ok({ src, f });
}
