// loadProject with a previous project, as a server reloads: an import's edit that breaks an
// unchanged importer's graph is held back with the importer, and so is a second importer edited to
// read what the held-back edit added; models the edit does not reach keep their fresh versions.
// Files are read through a cache, as the server keeps the result of a file that did not change.

import { describe, it, expect, afterEach } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadProject, type Project } from '../../src/model/project.ts';
import { loadModelText, type Model } from '../../src/model/load.ts';
import { formatError, type Result } from '../../src/model/errors.ts';

const reads = (name: string) => `title: Reader\nimports:\n  b: b\nnodes:\n  z:\n    expr: b.${name} + 1\noutput: z\n`;
const base = (names: string[]) =>
  `title: Base\ninputs:\n  x: 2\nnodes:\n${names.map((n) => `  ${n}:\n    expr: x * 3\n`).join('')}output: ${names[0]}\n`;

let dir = '';
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** A folder of `files`, and a load that keeps each file's model while its text is unchanged. */
function folder(files: Record<string, string>) {
  dir = mkdtempSync(join(tmpdir(), 'credence-last-good-'));
  const kept = new Map<string, { text: string; result: Result<Model> }>();
  const texts = new Map(Object.entries(files));
  const write = (name: string, text: string) => {
    texts.set(name, text);
    writeFileSync(join(dir, name), text);
  };
  for (const [name, text] of texts) write(name, text);
  const load = (path: string): Result<Model> => {
    const name = path.slice(dir.length + 1);
    const text = texts.get(name)!;
    const old = kept.get(name);
    if (old?.text === text) return old.result;
    const result = loadModelText(text, `models/${name}`, name.replace(/\.yaml$/, ''));
    kept.set(name, { text, result });
    return result;
  };
  return { write, load: (previous?: Project) => loadProject(dir, previous, load) };
}

describe('loadProject: imports whose edit breaks an importer graph', () => {
  it('holds the edit back with the importer, and with an importer edited to read what it added', () => {
    const f = folder({ 'a.yaml': reads('y'), 'b.yaml': base(['y']), 'c.yaml': reads('y'), 'd.yaml': base(['q']) });
    const first = f.load();
    expect(first.errors).toEqual([]);
    f.write('b.yaml', base(['w', 'v']));
    f.write('c.yaml', reads('v'));
    f.write('d.yaml', base(['r']));
    const second = f.load(first);
    expect([...second.stale].sort()).toEqual(['a', 'b', 'c']);
    for (const id of ['a', 'b', 'c']) expect(second.models.get(id)).toBe(first.models.get(id));
    expect(second.models.get('d')!.output).toBe('r');
    expect(second.errors.map(formatError)).toEqual([
      "models/a.yaml:6:11: unknown name 'b.y' in node 'z' (did you mean 'b.x'?)",
      "models/c.yaml:6:11: unknown name 'b.v' in node 'z' (did you mean 'b.x'?)",
    ]);

    // Steady while nothing changes; fresh once the importer agrees.
    const third = f.load(second);
    expect([...third.stale].sort()).toEqual(['a', 'b', 'c']);
    f.write('a.yaml', reads('w'));
    const fourth = f.load(third);
    expect([...fourth.stale]).toEqual([]);
    expect(fourth.errors).toEqual([]);
    expect(fourth.models.get('b')!.output).toBe('w');
    expect(fourth.models.get('c')!.text).toBe(reads('v'));
  });

  it('the command line (no previous project) loads every file as it is', () => {
    const f = folder({ 'a.yaml': reads('y'), 'b.yaml': base(['w']) });
    const p = f.load();
    expect([...p.stale]).toEqual([]);
    expect(p.models.get('b')!.output).toBe('w');
    expect(p.errors).toEqual([]);
  });
});
