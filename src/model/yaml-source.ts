// Reading YAML with positions. A model file means what any YAML parser reads (no rewriting
// before parsing); what the parser accepts but a forecaster did not mean, an expression cut at a
// comma inside `{ … }`, is reported at its place with the quoted form. Parse errors, zod issues
// and expression offsets all become file:line:col locations.

import { LineCounter, parseDocument, isMap, isScalar, isPair, isSeq, type Document, type Node as YamlNode } from 'yaml';
import type { Pair, YAMLMap } from 'yaml';
import { error, type Loc, type CredenceError } from './errors.ts';
import type { ExprSource } from './expression.ts';
import { LIMITS, limitError, count } from './limits.ts';
import { checkStructure } from './yaml-structure.ts';

export interface YamlSource {
  file: string;
  text: string;
  doc: Document.Parsed;
  lines: LineCounter;
  /** The keys of each mapping, indexed on first lookup, so that finding a key is not a scan. */
  index: WeakMap<YAMLMap, Map<string, Pair>>;
}

export function locAt(src: Pick<YamlSource, 'file' | 'lines' | 'text'>, offset: number): Loc {
  const { line, col } = src.lines.linePos(Math.max(0, Math.min(offset, src.text.length)));
  return { file: src.file, line, col };
}

export function lineCounter(text: string): LineCounter {
  const lines = new LineCounter();
  lines.addNewLine(0);
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lines.addNewLine(i + 1);
  return lines;
}

/** Parse YAML text; syntax errors, limits and expressions cut at a comma come back located. */
export function readYaml(
  file: string,
  text: string,
): { ok: true; src: YamlSource; data: unknown } | { ok: false; errors: CredenceError[] } {
  const max = LIMITS['file-size'];
  if (text.length > max || Buffer.byteLength(text, 'utf8') > max)
    return {
      ok: false,
      errors: [limitError('file-size', `the file is ${count(Buffer.byteLength(text))} bytes`, { file })],
    };
  const lines = lineCounter(text);
  let doc: Document.Parsed;
  try {
    doc = parseDocument(text, { prettyErrors: false, uniqueKeys: false, strict: true });
  } catch (e) {
    // The parser recurses once per level of nesting; only a file nested thousands deep gets here.
    if (!(e instanceof RangeError)) throw e;
    return { ok: false, errors: [limitError('yaml-depth', 'the file is nested too deeply to read', { file })] };
  }
  const src: YamlSource = { file, text, doc, lines, index: new WeakMap() };
  const structure = checkStructure({ doc, text, lines, loc: (at) => locAt(src, at) });
  if (structure.splits.length > 0) return { ok: false, errors: structure.splits };
  const syntax = doc.errors.map((e) => ({
    at: e.pos[0],
    error: error('yaml-syntax', `YAML syntax: ${firstLine(e.message)}`, locAt(src, e.pos[0])),
  }));
  const errors = [...syntax, ...structure.problems].sort((a, b) => a.at - b.at).map((x) => x.error);
  if (errors.length > 0) return { ok: false, errors };
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    return {
      ok: false,
      errors: [error('yaml-syntax', `YAML: ${e instanceof Error ? e.message : String(e)}`, pathLoc(src, []))],
    };
  }
  return { ok: true, src, data };
}

function firstLine(s: string): string {
  return s.split('\n')[0]!.trim();
}

type Path = readonly PropertyKey[];

/** The child of a mapping or list by key or index, or undefined. */
function childOf(src: YamlSource, node: unknown, key: PropertyKey): YamlNode | undefined {
  if (isMap(node)) {
    let keys = src.index.get(node);
    if (!keys) {
      keys = new Map();
      for (const item of node.items)
        if (isPair(item) && isScalar(item.key) && !keys.has(String(item.key.value)))
          keys.set(String(item.key.value), item);
      src.index.set(node, keys);
    }
    return (keys.get(String(key))?.value ?? undefined) as YamlNode | undefined;
  }
  if (isSeq(node) && typeof key === 'number') return node.items[key] as YamlNode | undefined;
  return undefined;
}

/** The YAML node at `path`, or the deepest ancestor that exists. */
export function nodeAt(src: YamlSource, path: Path): { node: YamlNode | null; depth: number } {
  let node = src.doc.contents as YamlNode | null;
  let found: { node: YamlNode | null; depth: number } = { node: node?.range ? node : null, depth: 0 };
  for (let d = 0; d < path.length && node; d++) {
    node = childOf(src, node, path[d]!) ?? null;
    if (node?.range) found = { node, depth: d + 1 };
  }
  return found;
}

/** The location of the key `key` in the map at `path` (for unknown or duplicate fields). */
export function keyLoc(src: YamlSource, path: Path, key: string): Loc {
  const { node, depth } = nodeAt(src, path);
  if (depth === path.length && isMap(node)) {
    childOf(src, node, key);
    const pair = src.index.get(node)?.get(key);
    if (pair && isScalar(pair.key) && pair.key.range) return locAt(src, pair.key.range[0]);
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
  if (!node || depth !== path.length || !node.range) return sourceAt(src, value, node?.range?.[0] ?? 0, false);
  const [start, end] = node.range;
  const raw = src.text.slice(start, end);
  const idx = raw.indexOf(value);
  if (idx >= 0) return sourceAt(src, value, start + idx, true);
  return sourceAt(src, value, start + Math.max(0, raw.search(/\S/)), false);
}

/** The source of `text` starting at `offset` in the file (see SourceOrigin). */
export function sourceAt(
  src: Pick<YamlSource, 'file' | 'lines' | 'text'>,
  text: string,
  offset: number,
  spans: boolean,
): ExprSource {
  if (!spans) {
    const loc = locAt(src, offset);
    return { text, loc: () => loc, origin: { offset, spans } };
  }
  return { text, loc: (at) => locAt(src, offset + Math.max(0, Math.min(at, text.length))), origin: { offset, spans } };
}
