// Requests as they arrive from the command line or a URL: every parameter an analysis takes,
// declared once as a zod schema with its message and its description, and the run request
// (samples, seed, sampler, scenario, `set`, evidence) turned into a prepared model and run
// options. The CLI and the web parse with the same schemas, so they agree on every default and
// every error message.

import * as z from 'zod';
import {
  prepare,
  selectEvidence,
  MAX_SAMPLES,
  MAX_COLUMN_SAMPLES,
  SAMPLERS,
  type Prepared,
  type RunOptions,
  type EvidenceSelection,
} from '../engine/run.ts';
import type { ExtraEvidence } from '../model/graph.ts';
import { parseOverride, type InputOverride } from '../model/overrides.ts';
import type { Project } from '../model/project.ts';
import type { CredenceError, Result } from '../model/errors.ts';

export const DEFAULT_SEED = 1;
const SEED_RANGE = [-(2 ** 31), 2 ** 31 - 1] as const;

/** What a surface allows: the web caps the samples a request may ask for below the CLI's. */
export interface Limits {
  /** Samples of a run that keeps its columns (every analysis but the summarised run report). */
  maxSamples: number;
  /** Samples of a summarised run (`run`: it keeps no column); `maxSamples` when absent. */
  maxSummarySamples?: number;
}

export const CLI_LIMITS: Limits = { maxSamples: MAX_COLUMN_SAMPLES, maxSummarySamples: MAX_SAMPLES };

const count = (x: number) => x.toLocaleString('en-US');

/**
 * A whole number typed as text. An empty text is not the number 0 (as `Number('')` would have
 * it); the JSON Schema says what the parsed value is.
 */
function wholeNumber(what: string, min: number, max: number, description: string) {
  const range = `${what} must be from ${count(min)} to ${count(max)}`;
  return z
    .preprocess(
      (v) => (typeof v === 'string' && v.trim() === '' ? Number.NaN : v),
      z.coerce
        .number({ error: `${what} must be a number` })
        .int(`${what} must be a whole number`)
        .min(min, range)
        .max(max, range),
    )
    .meta({ type: 'integer', minimum: min, maximum: max, description });
}

/** A whole number with a default, which the JSON Schema states too. */
function wholeWithDefault(what: string, min: number, max: number, dflt: number, description: string) {
  return wholeNumber(what, min, max, description).default(dflt).meta({ default: dflt });
}

/** A list of names: an array, or one comma-separated text. */
export const nameList = (description: string) =>
  z
    .union([z.string(), z.array(z.string())])
    .transform((v) => (Array.isArray(v) ? v : v.split(',')).map((s) => s.trim()).filter(Boolean))
    .meta({ description });

/** The parameters requests share, each with its message and description. */
export const fields = {
  model: z.string({ error: 'name a model' }).min(1, 'name a model').meta({ description: 'The model id.' }),
  samples: (limits: Limits, dflt: number) =>
    wholeWithDefault('samples', 1, limits.maxSamples, dflt, 'Samples per run.'),
  seed: wholeWithDefault('seed', SEED_RANGE[0], SEED_RANGE[1], DEFAULT_SEED, 'Seed of the random streams.'),
  sampler: z
    .enum(SAMPLERS, { error: "sampler must be 'mc', 'lhs' or 'sobol'" })
    .default('mc')
    .meta({ description: "Monte Carlo (mc), Latin hypercube (lhs) or scrambled Sobol' (sobol) sampling." }),
  scenario: z
    .string()
    .min(1, 'scenario must name a scenario')
    .nullable()
    .default(null)
    .meta({ description: 'A scenario of the model; absent for the model as written.' }),
  /** Input overrides as name → expression text (`--set name=expr`, or `set.name=expr` in a URL). */
  set: z
    .record(z.string(), z.string())
    .default({})
    .meta({ description: 'What-if overrides of inputs: input name → distribution or expression.' }),
  evidence: z
    .string()
    .default('default')
    .meta({ description: "Evidence to apply: 'default', 'all', 'none', or names separated by commas." }),
  inputs: nameList('Inputs to analyse, comma-separated (default: every input that varies and matters).'),
  node: z.string().min(1).optional().meta({ description: "A quantity of the model (default: the model's output)." }),
  threshold: z
    .preprocess(
      (v) => (typeof v === 'string' ? (v.trim() === '' ? Number.NaN : Number(v)) : v),
      z
        .number({
          error: (i) =>
            i.input === undefined ? 'the threshold analysis needs a threshold, e.g. 0.1' : 'threshold must be a number',
        })
        .refine((v) => Number.isFinite(v), 'threshold must be a finite number'),
    )
    .meta({ type: 'number', description: 'The value of the output mean to find crossings of.' }),
  points: (min: number, dflt: number, what: string) =>
    wholeWithDefault('points', min, 201, dflt, `Points per ${what}.`),
  bootstrap: wholeWithDefault('bootstrap', 0, 100_000, 1000, 'Bootstrap resamples for the intervals.'),
  permutations: wholeNumber('permutations', 2, 100_000, 'Permutations sampled beyond 10 inputs (default 200).'),
};

/** The run request: which model, which view of it, and how to sample it. */
export function runRequestSchema(limits: Limits, samples: number) {
  return z.object({
    model: fields.model,
    samples: fields.samples(limits, samples),
    seed: fields.seed,
    sampler: fields.sampler,
    scenario: fields.scenario,
    set: fields.set,
    evidence: fields.evidence,
  });
}

export type RunRequest = z.output<ReturnType<typeof runRequestSchema>>;

/** Human sentence for the first zod issue, naming the parameter. */
export function firstIssue(error: z.ZodError): string {
  const i = error.issues[0]!;
  const name = i.path.map(String).join('.');
  return name && !i.message.startsWith(name) ? `${name}: ${i.message}` : i.message;
}

export function parseEvidence(text: string): EvidenceSelection {
  if (text === 'default' || text === 'all' || text === 'none') return text;
  return text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

export function parseOverrides(set: Record<string, string>, where = '--set'): Result<InputOverride[]> {
  const out: InputOverride[] = [];
  const errors: CredenceError[] = [];
  for (const [name, text] of Object.entries(set)) {
    const r = parseOverride(name, text, `${where} ${name}`);
    if (r.ok) out.push(r.value);
    else errors.push(...r.errors);
  }
  return errors.length ? { ok: false, errors } : { ok: true, value: out };
}

/** An unknown evidence name, listing the names the model has. */
export function unknownEvidence(modelId: string, unknown: string[], known: string[]): CredenceError {
  // Each name once, and a long list cut short: the message stays a sentence whatever was asked.
  const list = (xs: string[]) => {
    const once = [...new Set(xs)];
    const shown = once.slice(0, 20).map((n) => `'${n}'`);
    return once.length > 20 ? `${shown.join(', ')} and ${once.length - 20} more` : shown.join(', ');
  };
  return {
    code: 'unknown-evidence',
    message: `model '${modelId}' has no evidence named ${list(unknown)}; it has ${known.length ? list(known) : 'none'}`,
  };
}

export interface ResolvedRequest {
  prepared: Prepared;
  options: RunOptions;
}

/** The view a run request asks for, prepared, with its run options; `extra` is outside evidence. */
export function resolveRequest(
  project: Project,
  req: Omit<RunRequest, 'scenario'> & { scenario?: string | null },
  extra: ExtraEvidence[] = [],
): Result<ResolvedRequest> {
  const overrides = parseOverrides(req.set);
  if (!overrides.ok) return overrides;
  return resolveParsed(project, req, overrides.value, extra);
}

/** As resolveRequest, with the what-if texts of `req.set` already parsed (by a caller that parses them one at a time). */
export function resolveParsed(
  project: Project,
  req: Omit<RunRequest, 'scenario'> & { scenario?: string | null },
  overrides: InputOverride[],
  extra: ExtraEvidence[] = [],
): Result<ResolvedRequest> {
  const scenario = req.scenario ?? null;
  const prepared = prepare(project, req.model, { scenario, overrides, extraEvidence: extra });
  if (!prepared.ok) return prepared;
  const evidence = parseEvidence(req.evidence);
  const sel = selectEvidence(prepared.value.graph, evidence);
  if (sel.unknown.length > 0) {
    const known = prepared.value.evidence.map((e) => e.name);
    return { ok: false, errors: [unknownEvidence(req.model, sel.unknown, known)] };
  }
  return {
    ok: true,
    value: {
      prepared: prepared.value,
      options: { samples: req.samples, seed: req.seed, sampler: req.sampler, evidence },
    },
  };
}
