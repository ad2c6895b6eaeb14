// Shared set-up for the engine, model, analysis and CLI tests: model folders in temporary
// directories, runs through the public API, a capturing CLI IO, and the standard errors that
// every statistical tolerance is derived from.

import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadProject, type Project } from '../../src/model/project.ts';
import { prepare, type PrepareOptions, type RunOptions, type RunResult } from '../../src/engine/run.ts';
import { formatError } from '../../src/model/errors.ts';
import type { CliIO } from '../../src/cli/io.ts';

const made: string[] = [];

/** A fresh folder holding `files` (name → text). */
export function tempProject(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'credence-'));
  made.push(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

export function cleanupTemp(): void {
  for (const d of made.splice(0)) rmSync(d, { recursive: true, force: true });
}

/** Load a folder and fail loudly (with every located error) when it does not load cleanly. */
export function project(files: Record<string, string>): Project {
  const p = loadProject(tempProject(files));
  if (p.errors.length > 0) throw new Error(p.errors.map(formatError).join('\n'));
  return p;
}

/** Run model `id` of a project that must prepare without errors. */
export function runIn(p: Project, id: string, run: RunOptions, opts: PrepareOptions = {}): RunResult {
  const prepared = prepare(p, id, opts);
  if (!prepared.ok) throw new Error(prepared.errors.map(formatError).join('\n'));
  return prepared.value.run(run);
}

/** A one-file model `m` with the given inputs and nodes (name → expression). */
export function modelText(inputs: Record<string, string>, nodes: Record<string, string> = {}, output?: string): string {
  const lines = ['title: test model'];
  const section = (name: string, entries: Record<string, string>) => {
    if (Object.keys(entries).length === 0) return;
    lines.push(`${name}:`);
    for (const [k, v] of Object.entries(entries)) lines.push(`  ${k}: ${JSON.stringify(v)}`);
  };
  section('inputs', inputs);
  section('nodes', nodes);
  lines.push(`output: ${output ?? Object.keys(nodes)[0] ?? Object.keys(inputs)[0]}`);
  return `${lines.join('\n')}\n`;
}

/** Columns of a one-file model built from inputs and nodes. */
export function columnsOf(inputs: Record<string, string>, nodes: Record<string, string>, run: RunOptions): RunResult {
  return runIn(project({ 'm.yaml': modelText(inputs, nodes) }), 'm', run);
}

export interface CapturedIO extends CliIO {
  stdout: string[];
  stderr: string[];
}

export function captureIO(modelsDir: string): CapturedIO {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return {
    stdout,
    stderr,
    out: (s) => stdout.push(...s.split('\n')),
    err: (s) => stderr.push(...s.split('\n')),
    modelsDir,
    dbPath: join(modelsDir, 'unused.db'),
  };
}

// ---- Sample statistics, computed here rather than with the code under test ----

export function sampleMean(x: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i]!;
  return s / x.length;
}

export function sampleVariance(x: ArrayLike<number>): number {
  const m = sampleMean(x);
  let s = 0;
  for (let i = 0; i < x.length; i++) s += (x[i]! - m) ** 2;
  return s / (x.length - 1);
}

export function fractionBelow(x: ArrayLike<number>, q: number): number {
  let c = 0;
  for (let i = 0; i < x.length; i++) if (x[i]! < q) c++;
  return c / x.length;
}

/** The first four raw moments E[X], E[X²], E[X³], E[X⁴] → mean, variance and 4th central moment. */
export function centralFromRaw([m1, m2, m3, m4]: readonly [number, number, number, number]): {
  mean: number;
  variance: number;
  mu4: number;
} {
  return {
    mean: m1,
    variance: m2 - m1 * m1,
    mu4: m4 - 4 * m1 * m3 + 6 * m1 * m1 * m2 - 3 * m1 ** 4,
  };
}

/** Standard errors: of a mean (sd/√n), of a proportion (√(p(1−p)/n)), of a variance (√((μ4 − σ⁴)/n)). */
export const se = {
  mean: (variance: number, n: number) => Math.sqrt(variance / n),
  proportion: (p: number, n: number) => Math.sqrt((p * (1 - p)) / n),
  variance: (variance: number, mu4: number, n: number) => Math.sqrt((mu4 - variance * variance) / n),
};

/** |actual − expected| ≤ k·se, with a message that shows all three. */
export function within(actual: number, expected: number, tolerance: number, what = 'value'): void {
  if (!(Math.abs(actual - expected) <= tolerance)) {
    throw new Error(
      `${what}: ${actual} is not within ${tolerance} of ${expected} (off by ${Math.abs(actual - expected)})`,
    );
  }
}
