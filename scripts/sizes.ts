// `node --import tsx scripts/sizes.ts [--check] [--file N] [--function N] [paths…]`: the
// TypeScript files longer than N lines (default 300) and the functions longer than N lines
// (default 60), longest first, so that a file or function that has outgrown the house style is
// found before review; with --check it exits 1 when it finds any. A function is every
// function-like node with a body (declarations, methods, arrows, accessors), counted from its
// first to its last line; a nested function counts on its own and in its parent. Paths are files
// or folders (walked, node_modules left out) and default to src/, public/src/, bench/, scripts/.
// test/architecture.test.ts holds the sources to these limits, and the tests to the file limit.

import ts from 'typescript';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

export interface LongFunction {
  file: string;
  name: string;
  line: number;
  lines: number;
}

export interface Sizes {
  files: { file: string; lines: number }[];
  functions: LongFunction[];
}

export const LIMITS = { file: 300, function: 60 };
export const SOURCES = ['src', 'public/src', 'bench', 'scripts'];

/** A function's name as a reader finds it: its own, its variable's or its property's. */
function nameOf(node: ts.SignatureDeclaration, parent: ts.Node, source: ts.SourceFile, line: number): string {
  const named =
    node.name ?? (ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent) ? parent.name : undefined);
  return named ? named.getText(source) : `<anonymous at ${line}>`;
}

/** The functions of one file's text longer than `max` lines. */
export function longFunctions(file: string, text: string, max: number): LongFunction[] {
  // Parents are passed down the walk rather than set on every node by the parser (faster).
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false);
  const found: LongFunction[] = [];
  const lineOf = (pos: number) => source.getLineAndCharacterOfPosition(pos).line + 1;
  const visit = (node: ts.Node, parent: ts.Node) => {
    if (ts.isFunctionLike(node) && 'body' in node && node.body) {
      const line = lineOf(node.getStart(source));
      const lines = lineOf(node.end) - line + 1;
      if (lines > max) found.push({ file, name: nameOf(node, parent, source, line), line, lines });
    }
    ts.forEachChild(node, (child) => visit(child, node));
  };
  visit(source, source);
  return found;
}

/** A file's line count as editors show it (a final newline ends the last line). */
export const lineCount = (text: string) => text.split('\n').length - (text.endsWith('\n') ? 1 : 0);

/** The TypeScript files under each path (a file or a folder), in a stable order. */
export function typescriptFiles(paths: string[]): string[] {
  const walk = (path: string): string[] => {
    if (!statSync(path).isDirectory()) return [path];
    return readdirSync(path, { withFileTypes: true })
      .filter((e) => e.name !== 'node_modules')
      .sort((a, b) => a.name.localeCompare(b.name))
      .flatMap((e) => walk(join(path, e.name)));
  };
  return paths.flatMap(walk).filter((f) => /\.tsx?$/.test(f) && !f.endsWith('.d.ts'));
}

/** The files over `limits.file` lines and the functions over `limits.function` lines, longest first. */
export function sizes(files: string[], limits = LIMITS): Sizes {
  const out: Sizes = { files: [], functions: [] };
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    const lines = lineCount(text);
    if (lines > limits.file) out.files.push({ file, lines });
    // No function is longer than its file.
    if (lines > limits.function) out.functions.push(...longFunctions(file, text, limits.function));
  }
  out.files.sort((a, b) => b.lines - a.lines);
  out.functions.sort((a, b) => b.lines - a.lines);
  return out;
}

function main(argv: string[]): number {
  const limits = { ...LIMITS };
  const paths: string[] = [];
  let check = false;
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!.replace(/^--/, '');
    if (flag === 'file' || flag === 'function') limits[flag] = Number(argv[++i]);
    else if (flag === 'check') check = true;
    else paths.push(argv[i]!);
  }
  const found = sizes(typescriptFiles(paths.length > 0 ? paths : SOURCES.filter((p) => existsSync(p))), limits);
  console.log(`files over ${limits.file} lines: ${found.files.length}`);
  for (const f of found.files) console.log(`  ${f.lines}  ${f.file}`);
  console.log(`functions over ${limits.function} lines: ${found.functions.length}`);
  for (const f of found.functions) console.log(`  ${f.lines}  ${f.file}:${f.line}  ${f.name}`);
  return check && found.files.length + found.functions.length > 0 ? 1 : 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href)
  process.exitCode = main(process.argv.slice(2));
