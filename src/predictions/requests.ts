// The shapes of writes to the track record, as zod schemas: the boundary where a JSON body,
// a web form or command-line arguments become typed values. The same schemas serve the API,
// the web forms and the CLI, so all three accept and refuse the same things.

import * as z from 'zod';
import type { WriteError } from './errors.ts';

export const OUTCOMES = ['yes', 'no', 'ambiguous', 'annulled'] as const;
/** How a prediction resolved. `ambiguous` and `annulled` are recorded but not scored. */
export type Outcome = (typeof OUTCOMES)[number];

/** A resolution event's outcome: an outcome, or `unresolved` to reopen the prediction. */
export const RESOLUTION_OUTCOMES = [...OUTCOMES, 'unresolved'] as const;
export type ResolutionOutcome = Outcome | 'unresolved';

export const MAX_NOTE = 5000;
export const MAX_URL = 2000;

/** An http(s) URL, or null. */
export const EvidenceUrl = z
  .string()
  .trim()
  .max(MAX_URL, `the evidence URL is longer than ${MAX_URL} characters`)
  .refine((s) => {
    try {
      const u = new URL(s);
      return (u.protocol === 'http:' || u.protocol === 'https:') && u.hostname !== '';
    } catch {
      return false;
    }
  }, 'the evidence URL must be a full http:// or https:// address');

const note = (what: string) =>
  z
    .string({ error: (i) => (i.input === undefined ? `the ${what} is missing` : `the ${what} must be text`) })
    .trim()
    .min(1, `the ${what} is empty: say why`)
    .max(MAX_NOTE, `the ${what} is longer than ${MAX_NOTE} characters`);

export const ResolutionRequest = z.strictObject({
  outcome: z.enum(RESOLUTION_OUTCOMES, { error: `the outcome must be one of ${RESOLUTION_OUTCOMES.join(', ')}` }),
  note: note('note'),
  evidenceUrl: z
    .union([z.literal(''), z.null(), EvidenceUrl])
    .optional()
    .transform((v) => (v ? v : null)),
  /** The version of the prediction the resolver saw: the number of resolution events so far. */
  version: z
    .number({
      error:
        'the version must be the number of the prediction version you are replacing, e.g. 0 for a prediction never resolved',
    })
    .int('the version must be a whole number')
    .min(0, 'the version cannot be negative'),
});
export type ResolutionRequest = z.output<typeof ResolutionRequest>;

export const ForecastRequest = z.strictObject({
  credence: z
    .number({ error: 'the credence must be a number strictly between 0 and 1, e.g. 0.7' })
    .gt(0, 'the credence must be strictly between 0 and 1: nothing is certain')
    .lt(1, 'the credence must be strictly between 0 and 1: nothing is certain'),
  note: z
    .string()
    .trim()
    .max(MAX_NOTE, `the note is longer than ${MAX_NOTE} characters`)
    .optional()
    .transform((v) => (v ? v : null)),
});
export type ForecastRequest = z.output<typeof ForecastRequest>;

/** One readable sentence from a failed parse (the first issue, naming its field). */
export function describeIssues(error: z.ZodError): string {
  const messages = error.issues.map((i) => {
    if (i.code === 'unrecognized_keys')
      return `unknown field${i.keys.length > 1 ? 's' : ''} ${i.keys.map((k) => `'${k}'`).join(', ')}`;
    if (i.path.length === 0 && i.code === 'invalid_type') return 'the body must be a JSON object';
    return i.message;
  });
  return [...new Set(messages)].join('; ');
}

/** A body the request schema refused, as a write error naming the fields at fault. */
export function invalidBody(error: z.ZodError): WriteError {
  const fields = error.issues.flatMap((i) => (typeof i.path[0] === 'string' ? [i.path[0]] : []));
  return { kind: 'invalid', message: describeIssues(error), fields: [...new Set(fields)] };
}
