// Shared set-up for the analysis tests: small model projects written into temporary folders.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadProject, type Project } from '../../src/model/project.ts';
import { prepare, type Prepared, type PrepareOptions } from '../../src/engine/run.ts';
import { formatError } from '../../src/model/errors.ts';

const made: string[] = [];

export function projectOf(files: Record<string, string>): Project {
  const dir = mkdtempSync(join(tmpdir(), 'credence-analysis-'));
  made.push(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  const project = loadProject(dir);
  if (project.errors.length > 0) throw new Error(project.errors.map(formatError).join('\n'));
  return project;
}

export function prepared(project: Project, id: string, opts: PrepareOptions = {}): Prepared {
  const r = prepare(project, id, opts);
  if (!r.ok) throw new Error(r.errors.map(formatError).join('\n'));
  return r.value;
}

/** Unwrap a Result, failing the test with its errors. */
export function ok<T>(r: { ok: true; value: T } | { ok: false; errors: { message: string }[] }): T {
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('\n'));
  return r.value;
}

export function cleanup(): void {
  for (const d of made.splice(0)) rmSync(d, { recursive: true, force: true });
}

export function mean(x: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i]!;
  return s / x.length;
}

/** The 5-standard-error tolerance every statistical assertion uses. */
export const Z = 5;

/** A small seeded generator for test data (mulberry32): uniform numbers in [0, 1). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
