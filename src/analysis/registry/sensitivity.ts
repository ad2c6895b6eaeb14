// Registry entries for the sensitivity analyses (`credence sensitivity --method …`, the API's
// `/sensitivity?method=…`, the model page's panels and their charts): each takes the run
// request, the inputs to analyse and its own options.

import * as z from 'zod';
import { tornado as tornadoOf } from '../tornado.ts';
import { sweep as sweepOf, SWEEP_POINTS, MIN_SWEEP_POINTS } from '../sweep.ts';
import { grid as gridOf, GRID_POINTS } from '../grid.ts';
import { importance as importanceOf } from '../importance.ts';
import { sobol as sobolOf } from '../sobol.ts';
import { threshold as thresholdOf } from '../threshold.ts';
import { fields, runRequestSchema, type Limits } from '../request.ts';
import { viewAnalysis } from './view-analysis.ts';
import { SAMPLES } from './samples.ts';
import type { AnalysisName } from './names.ts';

/** The run request and the inputs to analyse, with the analysis's own sample count. */
const base = (name: AnalysisName, limits: Limits) =>
  runRequestSchema(limits, SAMPLES[name].default!).extend({ inputs: fields.inputs.default([]) });

export const tornado = viewAnalysis({
  about: 'the output mean with each input at its 10th and at its 90th percentile, the others sampled',
  request: (limits: Limits) => base('tornado', limits),
  analyse: ({ prepared, options }, req) => tornadoOf(prepared, { ...options, inputs: req.inputs }),
});

export const sweep = viewAnalysis({
  about: 'the output mean as each input moves across its 5th to 95th percentiles',
  request: (limits: Limits) =>
    base('sweep', limits).extend({ points: fields.points(MIN_SWEEP_POINTS, SWEEP_POINTS, 'input') }),
  analyse: ({ prepared, options }, req) => sweepOf(prepared, { ...options, inputs: req.inputs, points: req.points }),
});

export const grid = viewAnalysis({
  about: 'the output mean over a grid of percentiles of two inputs',
  request: (limits: Limits) => base('grid', limits).extend({ points: fields.points(GRID_POINTS, GRID_POINTS, 'axis') }),
  analyse: ({ prepared, options }, req) => gridOf(prepared, { ...options, inputs: req.inputs, points: req.points }),
});

export const importance = viewAnalysis({
  about: 'the Spearman rank correlation of each input with the output, from one run',
  request: (limits: Limits) => base('importance', limits),
  analyse: ({ prepared, options }, req) => importanceOf(prepared, { ...options, inputs: req.inputs }),
});

export const sobol = viewAnalysis({
  about: 'first-order and total Sobol indices with bootstrap intervals',
  request: (limits: Limits) => base('sobol', limits).extend({ bootstrap: fields.bootstrap }),
  analyse: ({ prepared, options }, req) =>
    sobolOf(prepared, { ...options, inputs: req.inputs, bootstrap: req.bootstrap }),
});

export const threshold = viewAnalysis({
  about: 'per input, the value at which the output mean crosses a threshold',
  request: (limits: Limits) => base('threshold', limits).extend({ threshold: fields.threshold }),
  analyse: ({ prepared, options }, req) =>
    thresholdOf(prepared, { ...options, inputs: req.inputs, threshold: req.threshold }),
});

export const SENSITIVITY_METHODS = ['tornado', 'sweep', 'grid', 'importance', 'sobol', 'threshold'] as const;
export type SensitivityMethod = (typeof SENSITIVITY_METHODS)[number];

/** The method parameter of `credence sensitivity` and `/sensitivity`. */
export const methodSchema = z.object({
  method: z
    .enum(SENSITIVITY_METHODS, { error: `method must be one of ${SENSITIVITY_METHODS.join(', ')}` })
    .default('tornado')
    .meta({ description: 'Which sensitivity analysis.' }),
});
