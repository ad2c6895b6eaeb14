// Reading YAML with positions: parse errors, zod issues and expression offsets all become
// file:line:col locations in the text the forecaster wrote.

import { LineCounter, parseDocument, isMap, isScalar, isPair, type Document, type Node as YamlNode } from 'yaml';
import type * as z from 'zod';
import { error, type Loc, type CredenceError, type ErrorCode } from './errors.ts';
import type { ExprSource } from './expression.ts';
import { quoteFlowExpressions, originalOffset, type Quoted } from './flow-expressions.ts';

export const MAX_FILE_BYTES = 1_000_000;

export interface YamlSource {
  file: string;
  /** The text as parsed (flow-collection expressions quoted; see flow-expressions.ts). */
  text: string;
  doc: Document.Parsed;
  /** Line positions of the original text, and the map from parsed offsets back to it. */
  lines: LineCounter;
  quoted: Quoted;
}

export function locAt(src: YamlSource, offset: number): Loc {
  const o = originalOffset(src.quoted, Math.max(0, Math.min(offset, src.text.length)));
  const { line, col } = src.lines.linePos(o);
  return { file: src.file, line, col };
}

/** Parse YAML text; syntax errors come back located. */
export function readYaml(
  file: string,
  text: string,
): { ok: true; src: YamlSource; data: unknown } | { ok: false; errors: CredenceError[] } {
  if (Buffer.byteLength(text, 'utf8') > MAX_FILE_BYTES) {
    return {
      ok: false,
      errors: [error('limit-exceeded', `the file is larger than ${MAX_FILE_BYTES / 1e6} MB`, { file })],
    };
  }
  const lines = new LineCounter();
  lines.addNewLine(0);
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) lines.addNewLine(i + 1);
  const quoted = quoteFlowExpressions(text);
  const doc = parseDocument(quoted.text, { prettyErrors: false, uniqueKeys: true, strict: true });
  const src: YamlSource = { file, text: quoted.text, doc, lines, quoted };
  if (doc.errors.length > 0) {
    return {
      ok: false,
      errors: doc.errors.map((e) => error('yaml-syntax', `YAML syntax: ${firstLine(e.message)}`, locAt(src, e.pos[0]))),
    };
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    return {
      ok: false,
      errors: [error('yaml-syntax', `YAML: ${e instanceof Error ? e.message : String(e)}`, { file })],
    };
  }
  return { ok: true, src, data };
}

function firstLine(s: string): string {
  return s.split('\n')[0]!.trim();
}

type Path = readonly PropertyKey[];

/** The YAML node at `path`, or the deepest ancestor that exists. */
export function nodeAt(src: YamlSource, path: Path): { node: YamlNode | null; depth: number } {
  for (let d = path.length; d >= 0; d--) {
    const node = src.doc.getIn(path.slice(0, d) as unknown[], true) as YamlNode | undefined;
    if (node && typeof node === 'object' && 'range' in node && node.range) return { node, depth: d };
  }
  return { node: null, depth: 0 };
}

/** The location of the key `key` in the map at `path` (for unknown or duplicate fields). */
export function keyLoc(src: YamlSource, path: Path, key: string): Loc {
  const map = src.doc.getIn(path as unknown[], true);
  const container = path.length === 0 ? src.doc.contents : map;
  if (isMap(container)) {
    for (const item of container.items) {
      if (isPair(item) && isScalar(item.key) && String(item.key.value) === key && item.key.range) {
        return locAt(src, item.key.range[0]);
      }
    }
  }
  return pathLoc(src, path);
}

export function pathLoc(src: YamlSource, path: Path): Loc {
  const { node } = nodeAt(src, path);
  return locAt(src, node?.range?.[0] ?? 0);
}

/**
 * Where the text of the scalar at `path` starts in the file, so that an offset into the
 * expression maps to its column. Quoted and plain one-line scalars map exactly; block scalars
 * map to their first line.
 */
export function exprSource(src: YamlSource, path: Path, value: string): ExprSource {
  const { node, depth } = nodeAt(src, path);
  if (!node || depth !== path.length || !node.range) {
    const loc = pathLoc(src, path);
    return { text: value, loc: () => loc };
  }
  const [start, end] = node.range;
  const raw = src.text.slice(start, end);
  const idx = raw.indexOf(value);
  if (idx >= 0) {
    const base = start + idx;
    return { text: value, loc: (at) => locAt(src, base + Math.max(0, Math.min(at, value.length))) };
  }
  const firstLineStart = start + Math.max(0, raw.search(/\S/));
  return { text: value, loc: () => locAt(src, firstLineStart) };
}

const FIELD_NAMES = [
  'title',
  'description',
  'sources',
  'inputs',
  'nodes',
  'output',
  'scenarios',
  'evidence',
  'imports',
  'label',
  'unit',
  'note',
  'basis',
  'from',
  'dist',
  'expr',
  'likelihood',
  'applied',
  'source',
  'set',
];

/** Edit distance counting a swap of two adjacent letters as one edit ('lable' → 'label'). */
function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[a.length]![b.length]!;
}

export function suggest(word: string, candidates: readonly string[]): string {
  let best = '';
  let bestD = Infinity;
  for (const c of candidates) {
    const d = editDistance(word.toLowerCase(), c.toLowerCase());
    if (d < bestD) {
      bestD = d;
      best = c;
    }
  }
  return bestD <= Math.max(1, Math.floor(word.length / 3)) ? ` (did you mean '${best}'?)` : '';
}

/** How a path inside a model file reads to a forecaster: "input 'p_step'", "scenario 'optimist'". */
export function describePath(path: Path, kinds: Record<string, string> = SECTION_KINDS): string {
  if (path.length === 0) return 'the file';
  const [section, name, field] = path.map(String);
  const kind = kinds[section!];
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
            `unknown field '${key}' in ${describePath(path, kinds)}${suggest(key, FIELD_NAMES)}`,
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
