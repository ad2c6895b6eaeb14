// One iterative pass over a parsed YAML document for what the parser accepts but a model file
// must not hold: nesting past the limit, over-long or duplicate keys, `__proto__` keys (which a
// plain object would silently drop), and expressions that a flow collection cut at a comma.
// Iterative so that no file can exhaust the stack; every mapping is visited once.

import { isMap, isSeq, isScalar, isPair, Scalar, type Document, type LineCounter } from 'yaml';
import { error, type CredenceError, type Loc } from './errors.ts';
import { LIMITS, limitError, count } from './limits.ts';

/** What the pass reads: the document, its text, and the place of an offset. */
interface Parsed {
  doc: Document.Parsed;
  text: string;
  lines: LineCounter;
  loc: (offset: number) => Loc;
}

export interface Structure {
  /** Expressions cut at a comma: reported alone, since they explain every later complaint. */
  splits: CredenceError[];
  /** Other problems, with their offsets for ordering among the parser's own errors. */
  problems: { at: number; error: CredenceError }[];
}

export function checkStructure(src: Parsed): Structure {
  const out: Structure = { splits: [], problems: [] };
  const problem = (at: number, e: CredenceError) => out.problems.push({ at, error: e });
  const stack: { node: unknown; depth: number }[] = [{ node: src.doc.contents, depth: 1 }];
  while (stack.length > 0) {
    const { node, depth } = stack.pop()!;
    if (!isMap(node) && !isSeq(node)) continue;
    const at = node.range?.[0] ?? 0;
    if (depth > LIMITS['yaml-depth']) {
      problem(at, limitError('yaml-depth', `this is nested ${count(depth)} levels deep`, src.loc(at)));
      continue;
    }
    if (isSeq(node)) {
      for (const item of node.items) {
        if (node.flow) flowSplit(src, item, null, out);
        stack.push({ node: item, depth: depth + 1 });
      }
      continue;
    }
    const seen = new Map<string, number>();
    for (const pair of node.items) {
      if (!isPair(pair)) continue;
      const key = pair.key;
      if (isScalar(key) && key.range) {
        const name = String(key.value);
        const k = key.range[0];
        if (name.length > LIMITS['name-length'])
          problem(k, limitError('name-length', `this key is ${count(name.length)} characters long`, src.loc(k)));
        else if (name === '__proto__')
          problem(k, error('bad-name', "'__proto__' cannot be used as a name or field", src.loc(k)));
        const first = seen.get(name);
        if (first !== undefined) {
          const shown = name.length > 40 ? `${name.slice(0, 40)}…` : name;
          problem(
            k,
            error(
              'duplicate-name',
              `'${shown}' appears twice in this mapping (first at line ${src.lines.linePos(first).line}); keys must be unique`,
              src.loc(k),
            ),
          );
        } else seen.set(name, k);
      }
      if (node.flow) flowSplit(src, pair.value, isScalar(key) ? String(key.value) : null, out);
      stack.push({ node: pair.value, depth: depth + 1 });
    }
  }
  out.splits.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.col ?? 0) - (b.col ?? 0));
  return out;
}

/** Brackets opened and not closed in `s`: a plain scalar that a comma cut short has some. */
function opened(s: string): number {
  let depth = 0;
  for (const c of s) {
    if (c === '(' || c === '[') depth++;
    else if ((c === ')' || c === ']') && depth > 0) depth--;
  }
  return depth;
}

/**
 * If `value`, an item of a flow collection, is a plain scalar that opens a bracket it does not
 * close, YAML ended it at a comma: report it with the whole expression quoted.
 */
function flowSplit(src: Parsed, value: unknown, key: string | null, out: Structure): void {
  if (!isScalar(value) || value.type !== Scalar.PLAIN || !value.range) return;
  const start = value.range[0];
  const read = src.text.slice(start, value.range[1]).trimEnd();
  if (opened(read) === 0) return;
  const meant = balancedText(src.text, start);
  const quoted = JSON.stringify(meant);
  const inMap = key !== null;
  const example = inMap ? `${key}: ${quoted}` : quoted;
  out.splits.push(
    error(
      'flow-split',
      `inside ${inMap ? '{ … }' : '[ … ]'} a comma ends a plain value, so YAML reads only '${read}' here; ` +
        `quote the expression: ${example}${inMap ? ' (or write the mapping in block style)' : ''}`,
      src.loc(start),
    ),
  );
}

/** The text from `start` to the first `,`, `}` or `]` outside brackets: the expression as written. */
function balancedText(text: string, start: number): string {
  let depth = 0;
  const stop = Math.min(text.length, start + LIMITS['expression-length']);
  for (let j = start; j < stop; j++) {
    const c = text[j]!;
    if (c === '(' || c === '[') depth++;
    else if (c === ')' || c === ']') {
      if (depth === 0) return text.slice(start, j).trim();
      depth--;
    } else if ((c === ',' || c === '}') && depth === 0) return text.slice(start, j).trim();
    else if (c === '\n' && depth === 0) return text.slice(start, j).trim();
  }
  return text.slice(start, stop).trim();
}
