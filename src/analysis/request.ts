// A run request as it arrives from the command line or a URL: validated with zod, then turned
// into a prepared model and run options. One function, so the CLI and the web app agree on
// every default and every error message.

import * as z from 'zod';
import {
  prepare,
  selectEvidence,
  MAX_SAMPLES,
  SAMPLERS,
  type Prepared,
  type RunOptions,
  type EvidenceSelection,
} from '../engine/run.ts';
import { parseOverride, type ExtraEvidence, type InputOverride } from '../model/graph.ts';
import type { Project } from '../model/project.ts';
import type { CredenceError, Result } from '../model/errors.ts';

export const DEFAULT_SAMPLES = 100_000;
export const DEFAULT_SEED = 1;

const whole = (what: string, min: number, max: number) =>
  z.preprocess(
    // Number('') is 0: an empty value must not pass as the number 0.
    (v) => (typeof v === 'string' && v.trim() === '' ? Number.NaN : v),
    z.coerce
      .number({ error: `${what} must be a number` })
      .refine((v) => Number.isInteger(v), `${what} must be a whole number`)
      .refine(
        (v) => v >= min && v <= max,
        `${what} must be from ${min.toLocaleString('en-US')} to ${max.toLocaleString('en-US')}`,
      ),
  );

export function runRequestSchema(maxSamples = MAX_SAMPLES) {
  return z.object({
    samples: whole('samples', 1, maxSamples).default(DEFAULT_SAMPLES),
    seed: whole('seed', -(2 ** 31), 2 ** 31 - 1).default(DEFAULT_SEED),
    sampler: z.enum(SAMPLERS, { error: "sampler must be 'mc', 'lhs' or 'sobol'" }).default('mc'),
    scenario: z.string().min(1).nullable().default(null),
    /** Input overrides as name → expression text. */
    set: z.record(z.string(), z.string()).default({}),
    evidence: z.string().default('default'),
  });
}

export type RunRequest = z.infer<ReturnType<typeof runRequestSchema>>;

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

export interface ResolvedRequest {
  prepared: Prepared;
  options: RunOptions;
}

export function resolveRequest(
  project: Project,
  modelId: string,
  req: RunRequest,
  extraEvidence: ExtraEvidence[] = [],
): Result<ResolvedRequest> {
  const overrides = parseOverrides(req.set);
  if (!overrides.ok) return overrides;
  const prepared = prepare(project, modelId, { scenario: req.scenario, overrides: overrides.value, extraEvidence });
  if (!prepared.ok) return prepared;
  const evidence = parseEvidence(req.evidence);
  const sel = selectEvidence(prepared.value.graph, evidence);
  if (sel.unknown.length > 0) {
    const known = prepared.value.evidence.map((e) => e.name);
    return {
      ok: false,
      errors: [
        {
          code: 'unknown-evidence',
          message: `model '${modelId}' has no evidence named ${sel.unknown.map((n) => `'${n}'`).join(', ')}; it has ${known.length ? known.map((n) => `'${n}'`).join(', ') : 'none'}`,
        },
      ],
    };
  }
  return {
    ok: true,
    value: {
      prepared: prepared.value,
      options: { samples: req.samples, seed: req.seed, sampler: req.sampler, evidence },
    },
  };
}
