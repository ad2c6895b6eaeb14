// Shared helpers for the tests of the shipped models: load the models folder once, run a
// model at the CLI's defaults (100,000 samples, seed 1), and judge a Monte Carlo mean
// against a figure from the sources.
//
// Tolerance rule for a figure f that a model must reproduce:
//   |mean − f| ≤ 5 · mcse + modelling tolerance
// where mcse is the Monte Carlo standard error of the mean at this sample size (weighted by
// the evidence when it is applied), and the modelling tolerance says how precisely the source
// states the figure (e.g. "~25%" is stated to the nearest five points, so ±0.02). Deterministic
// nodes are compared exactly.

import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { expect } from 'vitest';
import { loadProject, type Project } from '../../src/model/project.ts';
import { prepare, type RunResult } from '../../src/engine/run.ts';
import { summarize, type Summary } from '../../src/stats/summary.ts';

export const MODELS_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'models');

/** The CLI's defaults: `credence run` without --samples or --seed. */
export const SAMPLES = 100_000;
export const SEED = 1;

/** Sources round "~25%" and "~15%" to five points: a reproduction within two points counts. */
export const HEADLINE_TOLERANCE = 0.02;

let cached: Project | null = null;

export function project(): Project {
  cached ??= loadProject(MODELS_DIR);
  return cached;
}

const runs = new Map<string, RunResult>();

export function run(modelId: string, scenario: string | null = null, samples = SAMPLES, seed = SEED): RunResult {
  const key = `${modelId}|${scenario}|${samples}|${seed}`;
  const hit = runs.get(key);
  if (hit) return hit;
  const prepared = prepare(project(), modelId, { scenario });
  if (!prepared.ok) throw new Error(`${modelId} (${scenario ?? 'default'}): ${prepared.errors.map((e) => `${e.file}:${e.line}:${e.col}: ${e.message}`).join('; ')}`);
  const result = prepared.value.run({ samples, seed });
  runs.set(key, result);
  return result;
}

export function column(result: RunResult, name: string): Float64Array {
  const col = result.columns[name];
  if (!col) throw new Error(`no column '${name}' in ${result.model}; have ${Object.keys(result.columns).join(', ')}`);
  return col;
}

/** Summary of a node, weighted by the applied evidence when there is any (the posterior). */
export function stat(result: RunResult, name: string): Summary {
  return summarize(column(result, name), result.weights);
}

/** Assert a Monte Carlo mean reproduces `figure` within 5 mcse plus the modelling tolerance. */
export function expectFigure(s: Summary, figure: number, modellingTolerance: number): void {
  expect(s.bad).toBe(0);
  expect(Number.isFinite(s.mcse)).toBe(true);
  const tol = 5 * s.mcse + modellingTolerance;
  expect(Math.abs(s.mean - figure), `mean ${s.mean} vs figure ${figure} (tolerance ${tol})`).toBeLessThanOrEqual(tol);
}

/** Every sample of a column equals `value` exactly. */
export function expectConstant(col: Float64Array, value: number): void {
  let off = 0;
  for (const x of col) if (x !== value) off++;
  expect(off, `samples differing from ${value}`).toBe(0);
}
