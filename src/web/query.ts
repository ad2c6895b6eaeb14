// Query strings as the web app reads them: the run request (the CLI's schema, with the web's
// sample cap), what-if overrides as `set.<input>=expr`, and each route's own parameters. A bad
// parameter becomes a message naming it; the canonical form is used for cache keys and links.

import * as z from 'zod';
import { runRequestSchema, firstIssue, type RunRequest } from '../analysis/request.ts';

/** The most samples a web request may ask for. */
export const WEB_MAX_SAMPLES = 1_000_000;

export const RUN_KEYS = ['samples', 'seed', 'sampler', 'scenario', 'evidence'] as const;

export type Query = URLSearchParams;

export function queryOf(url: string): Query {
  const i = url.indexOf('?');
  return new URLSearchParams(i < 0 ? '' : url.slice(i + 1));
}

export class BadRequest extends Error {
  readonly status = 400;
}

/** Overrides carried as `set.<name>=expr`; an empty value means "as in the file". */
export function overridesOf(q: Query): Record<string, string> {
  const set: Record<string, string> = {};
  for (const [k, v] of q) {
    if (!k.startsWith('set.')) continue;
    const name = k.slice(4);
    const text = v.trim();
    if (name && text) set[name] = text;
  }
  return set;
}

/** The run request of a query, validated like the CLI's options; throws BadRequest naming the parameter. */
export function runRequestOf(q: Query, defaults: Partial<RunRequest> = {}): RunRequest {
  const raw: Record<string, unknown> = { ...defaults };
  for (const k of RUN_KEYS) {
    const v = q.get(k);
    if (v !== null && v.trim() !== '') raw[k] = v.trim();
  }
  raw.set = overridesOf(q);
  const r = runRequestSchema(WEB_MAX_SAMPLES).safeParse(raw);
  if (!r.success) throw new BadRequest(firstIssue(r.error));
  return r.data;
}

/** Validate a route's own parameters with a zod schema; throws BadRequest naming the parameter. */
export function paramsOf<S extends z.ZodType>(q: Query, schema: S, keys: readonly string[]): z.infer<S> {
  const raw: Record<string, string> = {};
  for (const k of keys) {
    const v = q.get(k);
    if (v !== null && v.trim() !== '') raw[k] = v.trim();
  }
  const r = schema.safeParse(raw);
  if (!r.success) throw new BadRequest(firstIssue(r.error));
  return r.data;
}

/** Reject parameters a route does not know, so a typo is not silently ignored. */
export function rejectUnknown(q: Query, known: readonly string[]): void {
  for (const k of q.keys()) {
    if (k.startsWith('set.')) continue;
    if (!known.includes(k))
      throw new BadRequest(`${k}: unknown parameter; this route takes ${[...known, 'set.<input>'].join(', ')}`);
  }
}

export const listOf = z.string().transform((s) =>
  s
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean),
);

/** A request written back as a query string: defaults left out, overrides sorted, so equal views share one URL. */
export function canonicalQuery(
  req: RunRequest,
  extra: Record<string, string | number | null | undefined> = {},
  defaults: Partial<RunRequest> = {},
): string {
  const p = new URLSearchParams();
  if (req.scenario) p.set('scenario', req.scenario);
  for (const name of Object.keys(req.set).sort()) p.set(`set.${name}`, req.set[name]!);
  if (req.samples !== (defaults.samples ?? 100_000)) p.set('samples', String(req.samples));
  if (req.seed !== (defaults.seed ?? 1)) p.set('seed', String(req.seed));
  if (req.sampler !== 'mc') p.set('sampler', req.sampler);
  if (req.evidence !== 'default') p.set('evidence', req.evidence);
  for (const [k, v] of Object.entries(extra)) if (v !== null && v !== undefined && v !== '') p.set(k, String(v));
  const s = p.toString();
  return s ? `?${s}` : '';
}

/** A stable text for cache keys: object keys sorted at every level. */
export function stableKey(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v) ?? 'undefined';
  if (Array.isArray(v)) return `[${v.map(stableKey).join(',')}]`;
  const o = v as Record<string, unknown>;
  return `{${Object.keys(o)
    .sort()
    .filter((k) => o[k] !== undefined)
    .map((k) => `${JSON.stringify(k)}:${stableKey(o[k])}`)
    .join(',')}}`;
}
