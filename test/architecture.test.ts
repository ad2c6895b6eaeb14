// The source folders follow the data's path: model files → model → engine → stats → analysis →
// predictions → web and cli. A module imports only from its own folder and the folders before
// it, so each stage can be read, tested and replaced without the ones after it. The web and the
// command line are two ends side by side that never import each other; main/ (the `credence`
// program, whose `serve` starts the web app) is the one place that knows both, and nothing
// imports it. And no source file outgrows the house style: files of at most 300 lines, functions
// of at most 60 (scripts/sizes.ts lists them), test files of at most 300 lines.

import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { LIMITS, SOURCES, longFunctions, sizes, typescriptFiles } from '../scripts/sizes.ts';

const SRC = resolve(import.meta.dirname, '..', 'src');
const ORDER = ['model', 'engine', 'stats', 'analysis', 'predictions', 'web', 'cli', 'main'];
/** web and cli share a place on the path. */
const rank = (stage: string) => (stage === 'cli' ? ORDER.indexOf('web') : ORDER.indexOf(stage));

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : /\.(ts|js)$/.test(e.name) ? [join(dir, e.name)] : [],
  );
}

/** Every relative import of a file (static, dynamic and type-only), as paths under src/. */
function importsOf(file: string): string[] {
  const info = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
  return info.importedFiles
    .map((f) => f.fileName)
    .filter((f) => f.startsWith('.'))
    .map((f) => relative(SRC, resolve(dirname(file), f)));
}

const stageOf = (path: string) => path.split('/')[0]!;

/** Whether a module at `from` may import `to` (both paths under src/). */
function allowed(from: string, to: string): boolean {
  const stage = stageOf(from);
  const target = stageOf(to);
  if (target === stage) return true;
  return rank(target) < rank(stage);
}

function violations(): string[] {
  const out: string[] = [];
  for (const file of sources(SRC)) {
    const from = relative(SRC, file);
    for (const to of importsOf(file)) if (!allowed(from, to)) out.push(`${from} imports ${to}`);
  }
  return out;
}

describe('the source layout', () => {
  it('has a folder for every stage and nothing outside them', () => {
    const top = readdirSync(SRC, { withFileTypes: true });
    expect(top.filter((e) => !e.isDirectory()).map((e) => e.name)).toEqual([]);
    expect(top.map((e) => e.name).sort()).toEqual([...ORDER].sort());
  });

  it('allows imports down the path and refuses the others', () => {
    expect(allowed('analysis/tornado.ts', 'stats/estimate.ts')).toBe(true);
    expect(allowed('engine/run.ts', 'model/graph.ts')).toBe(true);
    expect(allowed('main/serve.ts', 'web/server.ts')).toBe(true);
    expect(allowed('main/credence.ts', 'cli/main.ts')).toBe(true);
    expect(allowed('stats/summary.ts', 'analysis/report.ts')).toBe(false);
    expect(allowed('model/graph.ts', 'engine/run.ts')).toBe(false);
    expect(allowed('web/track.ts', 'cli/io.ts')).toBe(false);
    expect(allowed('cli/run.ts', 'web/app.ts')).toBe(false);
    expect(allowed('cli/main.ts', 'web/server.ts')).toBe(false);
    expect(allowed('cli/serve.ts', 'web/server/config.ts')).toBe(false);
    expect(allowed('web/app.ts', 'main/credence.ts')).toBe(false);
    expect(allowed('cli/main.ts', 'main/serve.ts')).toBe(false);
    expect(allowed('analysis/report.ts', 'predictions/store.ts')).toBe(false);
  });

  it('imports only along the data path, dynamic and type-only imports included', () => {
    expect(importsOf(join(SRC, 'cli', 'main.ts'))).toContain('cli/io.ts');
    expect(violations()).toEqual([]);
  });
});

describe('the size of what is written', () => {
  const ROOT = resolve(import.meta.dirname, '..');
  const under = (folders: string[]) => typescriptFiles(folders.map((f) => join(ROOT, f)).filter((f) => existsSync(f)));
  const shown = (found: { file: string }[]) => found.map((f) => ({ ...f, file: relative(ROOT, f.file) }));

  it('counts a function from its first line to its last, nested ones on their own too', () => {
    const body = (n: number) => Array.from({ length: n - 2 }, (_, i) => `  const v${i} = ${i};`).join('\n');
    const text = `function long() {\n${body(61)}\n}\nconst ok = () => {\n${body(60)}\n};\n`;
    expect(longFunctions('x.ts', text, 60)).toEqual([{ file: 'x.ts', name: 'long', line: 1, lines: 61 }]);
    const nested = `export function outer() {\n  function inner() {\n${body(61)}\n  }\n}\n`;
    expect(longFunctions('x.ts', nested, 60).map((f) => [f.name, f.lines])).toEqual([
      ['outer', 63],
      ['inner', 61],
    ]);
  });

  it(`has no source file over ${LIMITS.file} lines and no function over ${LIMITS.function} (scripts/sizes.ts lists them)`, () => {
    const found = sizes(under(SOURCES));
    expect(shown(found.files)).toEqual([]);
    expect(shown(found.functions)).toEqual([]);
  });

  it(`has no test file over ${LIMITS.file} lines`, () => {
    expect(shown(sizes(under(['test']), { file: LIMITS.file, function: Infinity }).files)).toEqual([]);
  });
});
