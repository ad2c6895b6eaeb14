// The predictions catalog (`models/predictions.yaml`): what was predicted, by whom with what
// credence, how it resolves, and which model quantity it bears on. Loaded with YAML positions
// and zod, then its links checked against the loaded models: the model exists and `p_yes` is
// an expression over that model's quantities (its inputs and nodes, or `alias.x` of imports).
// The entry's shape is in catalog-schema.ts, its messages in catalog-issues.ts, the link check
// in catalog-link.ts.

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Graph } from '../model/graph.ts';
import { displayPath } from '../model/load.ts';
import { parseExpression } from '../model/expression.ts';
import { exprSource, pathLoc, readYaml, type YamlSource } from '../model/yaml-source.ts';
import { error, type CredenceError, type Result } from '../model/errors.ts';
import type { Project } from '../model/project.ts';
import type * as z from 'zod';
import {
  CATALOG_FILES,
  CatalogFileSchema,
  type Catalog,
  type Prediction,
  type PredictionEntrySchema,
} from './catalog-schema.ts';
import { issuesToErrors } from './catalog-issues.ts';
import { checkLink } from './catalog-link.ts';

export {
  CATALOG_FILES,
  PREDICTION_ID,
  YES_MEANS,
  PredictionEntrySchema,
  CatalogFileSchema,
  type Prediction,
  type Catalog,
  type YesMeans,
} from './catalog-schema.ts';

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
  const reading: EntryReading = { src, project, seen: new Map(), graphs: new Map() };
  parsed.data.predictions.forEach((entry, i) => {
    const p = readEntry(reading, entry, i, errors);
    if (!p) return;
    byId.set(p.id, p);
    predictions.push(p);
  });
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, value: { file, predictions, byId } };
}

interface EntryReading {
  src: YamlSource;
  project: Project;
  /** The line of each id seen so far. */
  seen: Map<string, number>;
  graphs: Map<string, Result<Graph>>;
}

type Entry = z.output<typeof PredictionEntrySchema>;

/** One entry as a Prediction, or null with its problems added to `errors`. */
function readEntry(read: EntryReading, entry: Entry, i: number, errors: CredenceError[]): Prediction | null {
  const at = (field: string) => ['predictions', i, field];
  const label = `prediction '${entry.id}'`;
  const { src, project, seen, graphs } = read;
  const firstLine = seen.get(entry.id);
  if (firstLine !== undefined) {
    errors.push({
      code: 'duplicate-name',
      ...pathLoc(src, at('id')),
      message: `${label} is listed twice; ids must be unique (the first is at line ${firstLine})`,
    });
    return null;
  }
  seen.set(entry.id, pathLoc(src, ['predictions', i]).line);
  const source = exprSource(src, at('p_yes'), entry.p_yes);
  const parsedExpr = parseExpression(entry.p_yes, source);
  if (!parsedExpr.ok) {
    errors.push({ ...parsedExpr.error, message: `p_yes of ${label}: ${parsedExpr.error.message}` });
    return null;
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
    return null;
  }
  const linkErrors = checkLink(project, entry.model, expr, source, label, pathLoc(src, at('model')), graphs);
  if (linkErrors.length > 0) {
    errors.push(...linkErrors);
    return null;
  }
  return {
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
