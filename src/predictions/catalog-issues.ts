// zod's issues on the predictions catalog as located sentences: each names the prediction by its
// id (or its position), the field, and what the field must be.

import type * as z from 'zod';
import { keyLoc, nodeAt, locAt, pathLoc, type YamlSource } from '../model/yaml-source.ts';
import { zodIssuesToErrors } from '../model/issues.ts';
import { suggest } from '../model/suggest.ts';
import type { CredenceError } from '../model/errors.ts';
import { FIELDS } from './catalog-schema.ts';

/** zod issues on the catalog as located sentences that name the prediction by its id. */
export function issuesToErrors(src: YamlSource, data: object, issues: readonly z.core.$ZodIssue[]): CredenceError[] {
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
