// One entry for every sensitivity method, used by `credence sensitivity` and the web API alike:
// `sensitivity(prepared, { method, inputs, threshold, samples, seed })` returns the method's
// JSON-ready result. Samples default by method (a sweep or grid runs the model once per point).

import { DEFAULT_SEED } from './request.ts';
import type { Prepared, Sampler, EvidenceSelection } from '../engine/run.ts';
import type { Result } from '../model/errors.ts';
import { tornado, type TornadoResult } from './tornado.ts';
import { sweep, type SweepResult } from './sweep.ts';
import { grid, type GridResult } from './grid.ts';
import { importance, type ImportanceResult } from './importance.ts';
import { sobol, type SobolResult } from './sobol.ts';
import { threshold, type ThresholdResult } from './threshold.ts';

export const SENSITIVITY_METHODS = ['tornado', 'sweep', 'grid', 'importance', 'sobol', 'threshold'] as const;
export type SensitivityMethod = (typeof SENSITIVITY_METHODS)[number];

/** Samples per run by method; for Sobol, the base rows N (the model runs N(k + 2) rows). */
export const DEFAULT_SAMPLES: Record<SensitivityMethod, number> = {
  tornado: 100_000,
  importance: 100_000,
  sweep: 20_000,
  threshold: 20_000,
  grid: 10_000,
  sobol: 8192,
};

export interface SensitivityOptions {
  method: SensitivityMethod;
  /** Inputs to analyse (qualified names, or local names that end exactly one); default all. */
  inputs?: string[];
  /** Required by 'threshold'. */
  threshold?: number;
  samples?: number;
  seed?: number;
  sampler?: Sampler;
  evidence?: EvidenceSelection;
  /** Points per input for 'sweep' (≥ 9) and per axis for 'grid' (≥ 21). */
  points?: number;
  /** Bootstrap resamples for 'sobol'. */
  bootstrap?: number;
}

export type SensitivityResult =
  TornadoResult | SweepResult | GridResult | ImportanceResult | SobolResult | ThresholdResult;

export function sensitivity(prepared: Prepared, opts: SensitivityOptions): Result<SensitivityResult> {
  const run = {
    samples: opts.samples ?? DEFAULT_SAMPLES[opts.method],
    seed: opts.seed ?? DEFAULT_SEED,
    sampler: opts.sampler,
    evidence: opts.evidence,
    inputs: opts.inputs,
  };
  switch (opts.method) {
    case 'tornado':
      return tornado(prepared, run);
    case 'sweep':
      return sweep(prepared, { ...run, points: opts.points });
    case 'grid':
      return grid(prepared, { ...run, points: opts.points });
    case 'importance':
      return importance(prepared, run);
    case 'sobol':
      return sobol(prepared, { ...run, bootstrap: opts.bootstrap });
    case 'threshold':
      if (opts.threshold === undefined) {
        return {
          ok: false,
          errors: [
            {
              code: 'invalid-request',
              file: '--threshold',
              message: 'the threshold method needs a threshold, e.g. --threshold 0.1',
            },
          ],
        };
      }
      return threshold(prepared, { ...run, threshold: opts.threshold });
  }
}
