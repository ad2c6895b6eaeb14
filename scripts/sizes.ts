// `node --import tsx scripts/sizes.ts [--file N] [--function N] [paths…]`: the TypeScript files
// longer than N lines (default 300) and the functions longer than N lines (default 60), longest
// first, so that a file or function that has outgrown the house style is found before review.
// A function is every function-like node with a body (declarations, methods, arrows, accessors),
// counted from its first to its last line; a nested function counts on its own and in its
// parent. Paths default to the tracked sources (src/, public/src/, bench/, scripts/).

import ts from 'typescript';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

interface LongFunction {
  file: string;
  name: string;
  line: number;
  lines: number;
}

/** A function's name as a reader finds it: its own, its variable's or its property's. */
function nameOf(node: ts.SignatureDeclaration, source: ts.SourceFile, line: number): string {
  const parent = node.parent;
  const named =
    node.name ??
    (parent && (ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent)) ? parent.name : undefined);
  return named ? named.getText(source) : `<anonymous at ${line}>`;
}

/** The functions of one file's text longer than `max` lines. */
function longFunctions(file: string, text: string, max: number): LongFunction[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const found: LongFunction[] = [];
  const lineOf = (pos: number) => source.getLineAndCharacterOfPosition(pos).line + 1;
  const visit = (node: ts.Node) => {
    if (ts.isFunctionLike(node) && 'body' in node && node.body) {
      const line = lineOf(node.getStart(source));
      const lines = lineOf(node.end) - line + 1;
      if (lines > max) found.push({ file, name: nameOf(node, source, line), line, lines });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** A file's line count as editors show it (a final newline ends the last line). */
const lineCount = (text: string) => text.split('\n').length - (text.endsWith('\n') ? 1 : 0);

function main(argv: string[]): void {
  const limits = { file: 300, function: 60 };
  const paths: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!.replace(/^--/, '');
    if (flag === 'file' || flag === 'function') limits[flag] = Number(argv[++i]);
    else paths.push(argv[i]!);
  }
  const files = (
    paths.length > 0
      ? paths
      : execFileSync('git', ['ls-files', 'src', 'public/src', 'bench', 'scripts'], { encoding: 'utf8' }).split('\n')
  ).filter((f) => /\.tsx?$/.test(f));
  const long: { file: string; lines: number }[] = [];
  const functions: LongFunction[] = [];
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    const lines = lineCount(text);
    if (lines > limits.file) long.push({ file, lines });
    functions.push(...longFunctions(file, text, limits.function));
  }
  console.log(`files over ${limits.file} lines: ${long.length}`);
  for (const f of long.sort((a, b) => b.lines - a.lines)) console.log(`  ${f.lines}  ${f.file}`);
  console.log(`functions over ${limits.function} lines: ${functions.length}`);
  for (const f of functions.sort((a, b) => b.lines - a.lines))
    console.log(`  ${f.lines}  ${f.file}:${f.line}  ${f.name}`);
}

main(process.argv.slice(2));
