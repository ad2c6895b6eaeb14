// The predictions catalog (`models/predictions.yaml`): what was predicted, by whom with what
// credence, how it resolves, and which model quantity it bears on. Loaded with YAML positions
// and zod, then its links checked against the loaded models: the model exists and `p_yes` is
// an expression over that model's quantities (its inputs and nodes, or `alias.x` of imports).

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as z from 'zod';
import { buildGraph, type Graph } from '../model/graph.ts';
import { displayPath } from '../model/load.ts';
import { CONSTANTS } from '../model/names.ts';
import { ExpressionText, MODEL_ID } from '../model/schema.ts';
import { hasDist, parseExpression, refsOf, type Expr, type ExprSource } from '../model/expression.ts';
import { exprSource, keyLoc, nodeAt, locAt, pathLoc, readYaml, type YamlSource } from '../model/yaml-source.ts';
import { zodIssuesToErrors } from '../model/issues.ts';
import { suggest } from '../model/suggest.ts';
import { error, type Loc, type CredenceError, type Result } from '../model/errors.ts';
import type { Project } from '../model/project.ts';

export const CATALOG_FILES = ['predictions.yaml', 'predictions.yml'] as const;

/** Prediction ids appear in URLs and evidence names: letters, digits, '-' and '_'. */
export const PREDICTION_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,31}$/;

export interface Prediction {
  id: string;
  statement: string;
  /** The author's stated probability that it resolves yes, in (0, 1). */
  credence: number;
  /** The date the credence was stated, YYYY-MM-DD. */
  stated: string;
  criteria: string;
  /** The linked model's id. */
  model: string;
  /** P(yes) in one sample of the linked model, as written. */
  pYes: string;
  pYesExpr: Expr;
  pYesSource: ExprSource;
  note: string | null;
  /** What a yes says about the linked models' P(scheming): lower or higher (null when not stated). */
  yesMeans: YesMeans | null;
  /** The reason for that direction. */
  yesMeansBecause: string | null;
  /** Where the entry starts in the file. */
  loc: Loc;
}

export interface Catalog {
  file: string;
  predictions: Prediction[];
  byId: ReadonlyMap<string, Prediction>;
}

const FIELDS = [
  'id',
  'statement',
  'credence',
  'stated',
  'criteria',
  'model',
  'p_yes',
  'yes_means',
  'yes_means_because',
  'note',
];

export const YES_MEANS = ['lower', 'higher'] as const;
export type YesMeans = (typeof YES_MEANS)[number];

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function isCalendarDate(s: string): boolean {
  const m = DATE.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

const nonEmpty = (what: string) => z.string().trim().min(1, `the ${what} is empty`);

export const PredictionEntrySchema = z.strictObject({
  id: z
    .union([z.string(), z.number()])
    .transform(String)
    .pipe(z.string().regex(PREDICTION_ID, 'the id must be 1 to 32 letters, digits, "-" or "_" (e.g. "3a")')),
  statement: nonEmpty('statement'),
  credence: z
    .number()
    .gt(0, 'the credence must be a probability strictly between 0 and 1, e.g. 0.75')
    .lt(1, 'the credence must be a probability strictly between 0 and 1, e.g. 0.75'),
  stated: z.string().refine(isCalendarDate, 'the date must be a real date written YYYY-MM-DD, e.g. 2025-03-01'),
  criteria: nonEmpty('resolution criteria'),
  model: z.string().regex(MODEL_ID, 'the model must be a model id: a file name in models/ without .yaml'),
  p_yes: ExpressionText,
  yes_means: z
    .enum(YES_MEANS, { error: "yes_means must be 'lower' or 'higher' (what a yes does to P(scheming))" })
    .optional(),
  yes_means_because: nonEmpty('reason for yes_means').optional(),
  note: z.string().optional(),
});

export const CatalogFileSchema = z.strictObject({
  predictions: z.array(PredictionEntrySchema),
});

/** The catalog file in a models folder: predictions.yaml, or predictions.yml. */
export function catalogPath(modelsDir: string): string {
  for (const name of CATALOG_FILES) {
    const p = join(modelsDir, name);
    if (existsSync(p)) return p;
  }
  return join(modelsDir, CATALOG_FILES[0]);
}

/** Read and validate the catalog of `project` (default: predictions.yaml in its folder). */
export function loadCatalog(project: Project, path: string = catalogPath(project.dir)): Result<Catalog> {
  const file = displayPath(path);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'there is no predictions file here' : `cannot read the file: ${code ?? String(e)}`;
    return {
      ok: false,
      errors: [{ code: code === 'ENOENT' ? 'file-missing' : 'file-unreadable', file, message: why }],
    };
  }
  return loadCatalogText(text, file, project);
}

export function loadCatalogText(text: string, file: string, project: Project): Result<Catalog> {
  const read = readYaml(file, text);
  if (!read.ok) return read;
  const { src, data } = read;
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    return {
      ok: false,
      errors: [
        { code: 'not-a-mapping', file, message: "the predictions file must be a mapping with a 'predictions:' list" },
      ],
    };
  }
  const parsed = CatalogFileSchema.safeParse(data);
  if (!parsed.success) return { ok: false, errors: issuesToErrors(src, data, parsed.error.issues) };

  const errors: CredenceError[] = [];
  const predictions: Prediction[] = [];
  const byId = new Map<string, Prediction>();
  const seen = new Map<string, number>();
  const graphs = new Map<string, Result<Graph>>();

  parsed.data.predictions.forEach((entry, i) => {
    const at = (field: string) => ['predictions', i, field];
    const label = `prediction '${entry.id}'`;
    const firstLine = seen.get(entry.id);
    if (firstLine !== undefined) {
      errors.push({
        code: 'duplicate-name',
        ...pathLoc(src, at('id')),
        message: `${label} is listed twice; ids must be unique (the first is at line ${firstLine})`,
      });
      return;
    }
    seen.set(entry.id, pathLoc(src, ['predictions', i]).line);
    const source = exprSource(src, at('p_yes'), entry.p_yes);
    const parsedExpr = parseExpression(entry.p_yes, source);
    if (!parsedExpr.ok) {
      errors.push({ ...parsedExpr.error, message: `p_yes of ${label}: ${parsedExpr.error.message}` });
      return;
    }
    const expr = parsedExpr.value.expr;
    if (entry.yes_means !== undefined && entry.yes_means_because === undefined) {
      errors.push(
        error(
          'missing-field',
          `${label} says yes_means: ${entry.yes_means} without yes_means_because, the reason for that direction`,
          pathLoc(src, at('yes_means')),
        ),
      );
      return;
    }
    const linkErrors = checkLink(project, entry.model, expr, source, label, pathLoc(src, at('model')), graphs);
    if (linkErrors.length > 0) {
      errors.push(...linkErrors);
      return;
    }
    const p: Prediction = {
      id: entry.id,
      statement: entry.statement,
      credence: entry.credence,
      stated: entry.stated,
      criteria: entry.criteria,
      model: entry.model,
      pYes: entry.p_yes,
      pYesExpr: expr,
      pYesSource: source,
      note: entry.note ?? null,
      yesMeans: entry.yes_means ?? null,
      yesMeansBecause: entry.yes_means_because ?? null,
      loc: pathLoc(src, ['predictions', i]),
    };
    byId.set(p.id, p);
    predictions.push(p);
  });
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, value: { file, predictions, byId } };
}

function checkLink(
  project: Project,
  modelId: string,
  expr: Expr,
  source: ExprSource,
  label: string,
  modelLoc: Loc,
  graphs: Map<string, Result<Graph>>,
): CredenceError[] {
  if (!project.models.has(modelId)) {
    const hasFile = ['.yaml', '.yml'].some((ext) => existsSync(join(project.dir, modelId + ext)));
    const why = hasFile
      ? `${label} links model '${modelId}', which has errors (see its file)`
      : `${label} links model '${modelId}', but there is no such model in ${displayPath(project.dir)}${suggest(modelId, [...project.models.keys()])}`;
    return [{ code: hasFile ? 'import-broken' : 'unknown-model', ...modelLoc, message: why }];
  }
  let graph = graphs.get(modelId);
  if (!graph) {
    graph = buildGraph(project, modelId);
    graphs.set(modelId, graph);
  }
  if (!graph.ok)
    return [
      {
        code: 'import-broken',
        ...modelLoc,
        message: `${label} links model '${modelId}', which cannot be built (see its file), so p_yes cannot be checked`,
      },
    ];
  const names = graph.value.byName;
  const errors: CredenceError[] = [];
  for (const r of refsOf(expr)) {
    if (names.has(r.name) || r.name in CONSTANTS) continue;
    errors.push({
      code: 'unknown-name',
      ...source.loc(r.at),
      message: `p_yes of ${label}: '${r.name}' is not a quantity of model '${modelId}'${suggest(r.name, [...names.keys()])}`,
    });
  }
  if (hasDist(expr)) {
    errors.push({
      code: 'not-allowed',
      ...source.loc(0),
      message: `p_yes of ${label} must be computed from the model's quantities, not draw a new distribution; define the distribution in model '${modelId}'`,
    });
  }
  return errors;
}

/** zod issues on the catalog as located sentences that name the prediction by its id. */
function issuesToErrors(src: YamlSource, data: object, issues: readonly z.core.$ZodIssue[]): CredenceError[] {
  const entries = (data as { predictions?: unknown }).predictions;
  const out: CredenceError[] = [];
  for (const issue of issues) {
    const [section, index, field] = issue.path;
    if (section !== 'predictions' || typeof index !== 'number' || !Array.isArray(entries)) {
      out.push(...zodIssuesToErrors(src, [issue], { predictions: 'prediction' }));
      continue;
    }
    const entry = entries[index] as { id?: unknown } | undefined;
    const id =
      entry && typeof entry === 'object' && (typeof entry.id === 'string' || typeof entry.id === 'number')
        ? String(entry.id)
        : null;
    const label = id !== null ? `prediction '${id}'` : `prediction #${index + 1}`;
    const entryPath = ['predictions', index];
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        out.push({
          code: 'unknown-field',
          ...keyLoc(src, entryPath, key),
          message: `${label}: unknown field '${key}'${suggest(key, FIELDS)}; the fields are ${FIELDS.join(', ')}`,
        });
      }
      continue;
    }
    if (field === undefined) {
      out.push({
        code: 'not-a-mapping',
        ...pathLoc(src, entryPath),
        message: `${label} must be a mapping with the fields ${FIELDS.join(', ')}`,
      });
      continue;
    }
    const { node, depth } = nodeAt(src, issue.path);
    const loc = locAt(src, node?.range?.[0] ?? 0);
    if (issue.code === 'invalid_type' && depth < issue.path.length) {
      out.push({ code: 'missing-field', ...loc, message: `${label}: '${String(field)}' is missing` });
    } else if (issue.code === 'invalid_type' || issue.code === 'invalid_union') {
      out.push({
        code: 'wrong-type',
        ...loc,
        message: `${label}: '${String(field)}' must be ${expectedFor(String(field))}`,
      });
    } else {
      out.push({ code: 'invalid-value', ...loc, message: `${label}: ${issue.message}` });
    }
  }
  return out;
}

function expectedFor(field: string): string {
  switch (field) {
    case 'credence':
      return 'a number strictly between 0 and 1, e.g. 0.75';
    case 'stated':
      return 'a date written YYYY-MM-DD, e.g. 2025-03-01';
    case 'p_yes':
      return 'an expression over the model\'s quantities, e.g. "p_slack * 0.9"';
    case 'id':
      return 'text such as "3a"';
    default:
      return 'text';
  }
}

/**
 * The predictions file's share of `credence check`: its problems, or none when the folder has
 * no predictions file.
 */
export function checkCatalog(project: Project): CredenceError[] {
  const path = catalogPath(project.dir);
  if (!existsSync(path)) return [];
  const r = loadCatalog(project, path);
  return r.ok ? [] : r.errors;
}
