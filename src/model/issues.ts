// zod's issues on a YAML file as located sentences in a forecaster's words: the field, the
// quantity it belongs to, and what it must be, at the place in the file.

import type * as z from 'zod';
import { error, type CredenceError, type ErrorCode } from './errors.ts';
import { suggest } from './suggest.ts';
import { modelFieldNames } from './json-schema.ts';
import { keyLoc, locAt, nodeAt, type YamlSource } from './yaml-source.ts';

type Path = readonly PropertyKey[];

/** Every field a model file can have, from its schema, for suggestions on unknown fields. */
let fieldNames: string[] | null = null;
const FIELD_NAMES = () => (fieldNames ??= modelFieldNames());

/** How a path inside a model file reads to a forecaster: "input 'p_step'", "scenario 'optimist'". */
export function describePath(path: Path, kinds: Record<string, string> = SECTION_KINDS): string {
  if (path.length === 0) return 'the file';
  const [section, name, field] = path.map(String);
  const kind = Object.hasOwn(kinds, section!) ? kinds[section!] : undefined;
  if (kind && name !== undefined) {
    const base = `${kind} '${name}'`;
    return field !== undefined ? `'${path.slice(2).map(String).join('.')}' of ${base}` : base;
  }
  return `'${path.map(String).join('.')}'`;
}

const SECTION_KINDS: Record<string, string> = {
  inputs: 'input',
  nodes: 'node',
  scenarios: 'scenario',
  evidence: 'evidence',
  imports: 'import',
  predictions: 'prediction',
};

function expectedWord(expected: string): string {
  switch (expected) {
    case 'string':
      return 'text';
    case 'number':
      return 'a number';
    case 'boolean':
      return 'true or false';
    case 'array':
      return 'a list';
    case 'object':
    case 'record':
      return 'a mapping of names to values';
    default:
      return expected;
  }
}

/** For a failed union, the branch whose complaint is most specific. */
function pickUnionBranch(issue: z.core.$ZodIssue): z.core.$ZodIssue[] {
  const branches = (issue as unknown as { errors: z.core.$ZodIssue[][] }).errors ?? [];
  let best: z.core.$ZodIssue[] | null = null;
  let bestScore = -Infinity;
  for (const b of branches) {
    const score =
      b.reduce((s, i) => s + (i.code === 'invalid_type' && i.path.length === 0 ? -10 : i.path.length + 1), 0) /
      Math.max(1, b.length);
    if (score > bestScore) {
      bestScore = score;
      best = b;
    }
  }
  return (best ?? []).map((i) => ({ ...i, path: [...issue.path, ...i.path] }));
}

const ISSUE_CODES: Partial<Record<z.core.$ZodIssue['code'], ErrorCode>> = {
  invalid_key: 'bad-name',
  invalid_union: 'wrong-type',
};

/** Turn zod issues on a model file into located sentences. */
export function zodIssuesToErrors(
  src: YamlSource,
  issues: readonly z.core.$ZodIssue[],
  kinds?: Record<string, string>,
): CredenceError[] {
  const out: CredenceError[] = [];
  const visit = (issue: z.core.$ZodIssue) => {
    const path = issue.path;
    if (issue.code === 'invalid_union') {
      const branch = pickUnionBranch(issue);
      if (branch.length > 0) {
        branch.forEach(visit);
        return;
      }
    }
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        out.push(
          error(
            'unknown-field',
            `unknown field '${key}' in ${describePath(path, kinds)}${suggest(key, FIELD_NAMES())}`,
            keyLoc(src, path, key),
          ),
        );
      }
      return;
    }
    const { node, depth } = nodeAt(src, path);
    const loc = locAt(src, node?.range?.[0] ?? 0);
    const where = describePath(path, kinds);
    if (issue.code === 'invalid_type') {
      if (depth < path.length) {
        out.push(error('missing-field', `${where} is missing: it must be ${expectedWord(issue.expected)}`, loc));
      } else {
        out.push(error('wrong-type', `${where} must be ${expectedWord(issue.expected)}`, loc));
      }
      return;
    }
    out.push(error(ISSUE_CODES[issue.code] ?? 'invalid-value', `${where}: ${issue.message}`, loc));
  };
  issues.forEach(visit);
  return out;
}
