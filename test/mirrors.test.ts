// Tests mirror the sources: each module of src/ with behaviour of its own has a test file named
// after it (test/X/Y.test.ts, or test/X/Y-….test.ts or test/X/Y.….test.ts for one split by
// behaviour), so a new module without a test is noticed here. The exceptions are listed in
// test/mirrors/, each with its reason: a module with no behaviour of its own (types, constants,
// wiring) says why; one whose behaviour a test of another name covers names that test, which
// must reach the module through its imports. An entry for a module that has since got a test
// of its own name, or that no longer exists, is an error too, so the lists only shrink.

import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { EXEMPT } from './mirrors/index.ts';

const ROOT = resolve(import.meta.dirname, '..');

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

const modules = files(join(ROOT, 'src')).map((f) => relative(join(ROOT, 'src'), f));
const tests = new Set(files(join(ROOT, 'test')).map((f) => relative(ROOT, f)));

/** Whether module `m` (a path under src/) has a test file of its own name. */
function mirrored(m: string): boolean {
  const base = `test/${m.replace(/\.ts$/, '')}`;
  const own = (t: string) => t.startsWith(`${base}-`) || t.startsWith(`${base}.`);
  return [...tests].some((t) => t.endsWith('.test.ts') && dirname(t) === dirname(base) && own(t));
}

const importsCache = new Map<string, string[]>();

/** Relative imports: static, dynamic, type-only and re-exports (a pattern, much faster than a parse). */
const IMPORT = /(?:\bfrom|\bimport\s*\(?)\s*['"](\.{1,2}\/[^'"]+)['"]/g;

/** The files `file` imports by relative path. */
function importsOf(file: string): string[] {
  let out = importsCache.get(file);
  if (!out) {
    const text = existsSync(file) ? readFileSync(file, 'utf8') : '';
    out = [...text.matchAll(IMPORT)].map((m) => resolve(dirname(file), m[1]!.replace(/\.js$/, '.ts')));
    importsCache.set(file, out);
  }
  return out;
}

/** Every file a test reaches through its imports, as paths under ROOT. */
function reach(test: string): Set<string> {
  const seen = new Set<string>();
  const stack = [join(ROOT, test)];
  while (stack.length > 0) {
    const file = stack.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    stack.push(...importsOf(file));
  }
  return new Set([...seen].map((f) => relative(ROOT, f)));
}

describe('test files mirror the source modules', () => {
  it('gives every module a test of its own name or a reasoned entry in test/mirrors/', () => {
    const missing = modules.filter((m) => !mirrored(m) && !(m in EXEMPT));
    expect(missing, 'add test/<module>.test.ts, or an entry with its reason in test/mirrors/').toEqual([]);
  });

  it('lists only modules that exist and have no test of their own name', () => {
    const all = new Set(modules);
    expect(Object.keys(EXEMPT).filter((m) => !all.has(m))).toEqual([]);
    expect(Object.keys(EXEMPT).filter((m) => mirrored(m))).toEqual([]);
  });

  it('names, for each module with behaviour, a test that exists and reaches it through its imports', () => {
    const bad: string[] = [];
    const reached = new Map<string, Set<string>>();
    for (const [m, why] of Object.entries(EXEMPT)) {
      if (!why.startsWith('test/')) {
        if (why.split(' ').length < 3) bad.push(`${m}: say why it has no behaviour of its own`);
        continue;
      }
      const test = why.split(' ')[0]!;
      if (!tests.has(test)) {
        bad.push(`${m}: ${test} does not exist`);
        continue;
      }
      // A module run by path (an engine thread, a page's script) is reached through what runs it.
      if (why.includes(' through ')) continue;
      if (!reached.has(test)) reached.set(test, reach(test));
      if (!reached.get(test)!.has(`src/${m}`)) bad.push(`${m}: ${test} does not import it, directly or not`);
    }
    expect(bad).toEqual([]);
  });

  it('counts a test file named after the module, or after it and a behaviour, and no other', () => {
    expect(mirrored('stats/rank.ts')).toBe(true);
    expect(mirrored('analysis/sobol.ts')).toBe(true); // sobol.test.ts and sobol-design.test.ts
    expect(mirrored('engine/worker.ts')).toBe(false);
    expect(mirrored('model/graph-errors.ts')).toBe(false); // graph.test.ts is another module's
  });
});
