// Requests for the analyses as they arrive from the command line or a URL, validated with zod
// on top of the run request (request.ts), so scenario, --set, samples, seed, sampler and
// evidence mean the same thing and fail with the same messages everywhere.

import * as z from 'zod';
import { MAX_SAMPLES, prepare, selectEvidence } from '../engine/run.ts';
import type { Project } from '../model/project.ts';
import type { Prepared } from '../engine/run.ts';
import type { ExtraEvidence } from '../model/graph.ts';
import type { Result } from '../model/errors.ts';
import { parseEvidence, parseOverrides, resolveRequest, runRequestSchema } from './request.ts';
import { DEFAULT_SAMPLES, SENSITIVITY_METHODS, type SensitivityOptions } from './sensitivity.ts';
import type { CruxOptions, CruxSide } from './crux.ts';

const whole = (what: string, min: number, max: number) =>
  z.coerce
    .number({ error: `${what} must be a number` })
    .refine((v) => Number.isInteger(v), `${what} must be a whole number`)
    .refine(
      (v) => v >= min && v <= max,
      `${what} must be from ${min.toLocaleString('en-US')} to ${max.toLocaleString('en-US')}`,
    );

/** A list of names: an array, or one comma-separated string. */
const nameList = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((v) =>
    v === undefined ? [] : (Array.isArray(v) ? v : v.split(',')).map((s) => s.trim()).filter(Boolean),
  );

export function sensitivityRequestSchema(maxSamples = MAX_SAMPLES) {
  const base = runRequestSchema(maxSamples);
  return base.extend({
    /** Default by method (DEFAULT_SAMPLES); for sobol, the base rows. */
    samples: base.shape.samples.removeDefault().optional(),
    method: z
      .enum(SENSITIVITY_METHODS, { error: `method must be one of ${SENSITIVITY_METHODS.join(', ')}` })
      .default('tornado'),
    inputs: nameList,
    threshold: z.coerce
      .number({ error: 'threshold must be a number' })
      .refine((v) => Number.isFinite(v), 'threshold must be a finite number')
      .optional(),
    points: whole('points', 9, 201).optional(),
    bootstrap: whole('bootstrap', 0, 100_000).optional(),
  });
}

export type SensitivityRequest = z.infer<ReturnType<typeof sensitivityRequestSchema>>;

export function resolveSensitivityRequest(
  project: Project,
  modelId: string,
  req: SensitivityRequest,
  extraEvidence: ExtraEvidence[] = [],
): Result<{ prepared: Prepared; options: SensitivityOptions }> {
  const samples = req.samples ?? DEFAULT_SAMPLES[req.method];
  const r = resolveRequest(project, modelId, { ...req, samples }, extraEvidence);
  if (!r.ok) return r;
  const o = r.value.options;
  return {
    ok: true,
    value: {
      prepared: r.value.prepared,
      options: {
        method: req.method,
        inputs: req.inputs,
        threshold: req.threshold,
        samples,
        seed: o.seed,
        sampler: o.sampler,
        evidence: o.evidence,
        points: req.points,
        bootstrap: req.bootstrap,
      },
    },
  };
}

export function cruxRequestSchema(maxSamples = MAX_SAMPLES) {
  const base = runRequestSchema(maxSamples);
  return base.omit({ scenario: true }).extend({
    /** Samples per coalition; default cruxSamples(coalitions): 100,000, fewer beyond 32 coalitions. */
    samples: base.shape.samples.removeDefault().optional(),
    /** A scenario name, or 'default' for the model as written. */
    from: z.string().min(1, 'from must name a scenario or default').default('default'),
    /** A scenario name or 'default'; when absent, the same as `from` (then `set` is the change). */
    to: z.string().min(1, 'to must name a scenario or default').optional(),
    permutations: whole('permutations', 2, 100_000).optional(),
  });
}

export type CruxRequest = z.infer<ReturnType<typeof cruxRequestSchema>>;

const scenarioOf = (s: string) => (s === 'default' ? null : s);

/** The two sides of a crux request: `set` overrides apply on the `to` side. */
export function resolveCruxRequest(
  project: Project,
  modelId: string,
  req: CruxRequest,
): Result<{ from: CruxSide; to: CruxSide; options: CruxOptions }> {
  const overrides = parseOverrides(req.set);
  if (!overrides.ok) return overrides;
  const plain = prepare(project, modelId);
  if (!plain.ok) return plain;
  const model = plain.value.graph.model;
  for (const s of [req.from, req.to]) {
    if (s !== undefined && s !== 'default' && !(s in model.scenarios)) {
      const names = Object.keys(model.scenarios);
      return {
        ok: false,
        errors: [
          {
            code: 'unknown-scenario',
            message: `model '${modelId}' has no scenario '${s}'; it has ${names.length ? `${names.map((n) => `'${n}'`).join(', ')} and 'default'` : "only 'default'"}`,
          },
        ],
      };
    }
  }
  const evidence = parseEvidence(req.evidence);
  const sel = selectEvidence(plain.value.graph, evidence);
  if (sel.unknown.length > 0) {
    return {
      ok: false,
      errors: [
        {
          code: 'unknown-evidence',
          message: `model '${modelId}' has no evidence named ${sel.unknown.map((n) => `'${n}'`).join(', ')}`,
        },
      ],
    };
  }
  const from: CruxSide = { scenario: scenarioOf(req.from), overrides: [] };
  const to: CruxSide = { scenario: scenarioOf(req.to ?? req.from), overrides: overrides.value };
  return {
    ok: true,
    value: {
      from,
      to,
      options: { samples: req.samples, seed: req.seed, sampler: req.sampler, evidence, permutations: req.permutations },
    },
  };
}

export function voiRequestSchema(maxSamples = MAX_SAMPLES) {
  return runRequestSchema(maxSamples)
    .pick({ samples: true, seed: true, sampler: true })
    .extend({
      /** Value every prediction on this model's output; default: each on its linked model. */
      model: z.string().min(1).optional(),
    });
}

export type VoiRequest = z.infer<ReturnType<typeof voiRequestSchema>>;
