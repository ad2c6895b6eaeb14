// Query strings as the web app reads them: an analysis's request (the CLI's schema, with the
// web's sample cap), what-if overrides as `set.<input>=expr` or `set[<input>]=expr` (and
// `fromSet.<input>` for a crux's first view), and a route's own parameters. A bad parameter
// becomes a message naming it; the canonical form is used for cache keys and links.

import * as z from 'zod';
import { firstIssue } from '../analysis/request.ts';
import {
  parseRequest,
  recordKeys,
  requestKeys,
  type AnalysisName,
  type RequestOf,
} from '../analysis/registry/index.ts';
import type { Limits } from '../analysis/request.ts';
import { BadRequest } from './bad-request.ts';

export { BadRequest };

/** The most samples a web request may ask for. */
export const WEB_LIMITS: Limits = { maxSamples: 1_000_000 };

export type Query = URLSearchParams;

/**
 * Parameters of a shared link that every route takes and no analysis reads: `asof` pins the
 * track record (request-context.ts), `v` names the model files' version the link was made from.
 */
export const SHARE_KEYS = ['asof', 'v'] as const;

export function queryOf(url: string): Query {
  const i = url.indexOf('?');
  const q = new URLSearchParams(i < 0 ? '' : url.slice(i + 1));
  for (const k of SHARE_KEYS) q.delete(k);
  return q;
}

/**
 * A parameter that fills a record field of a request: `set.p_step=…` or, as generated clients
 * send an OpenAPI deepObject, `set[p_step]=…`; null for any other parameter.
 */
export function recordEntry(key: string): { field: string; name: string } | null {
  const m = /^([A-Za-z]\w*)(?:\.(.+)|\[(.+)\])$/.exec(key);
  return m ? { field: m[1]!, name: (m[2] ?? m[3])! } : null;
}

/**
 * The request of `name` in a query, parsed by the analysis's own schema (as the CLI parses its
 * options); `model` comes from the path. Empty values are left out (they mean "the default");
 * a record field (`set`) is read from its `field.<name>` parameters; `routeKeys` are the
 * route's own parameters. Throws BadRequest naming the parameter.
 */
export function requestOf<N extends AnalysisName>(
  name: N,
  q: Query,
  model: string | null,
  routeKeys: readonly string[] = [],
): RequestOf<N> {
  const records = recordKeys(name);
  const keys = requestKeys(name);
  // No prototype: a name from the URL never reaches Object's members.
  const raw = Object.create(null) as Record<string, unknown>;
  for (const [k, v] of q) {
    if (routeKeys.includes(k)) continue;
    const entry = recordEntry(k);
    if (entry && records.includes(entry.field)) {
      const text = v.trim();
      const record = (raw[entry.field] ??= Object.create(null)) as Record<string, string>;
      if (text && !Object.hasOwn(record, entry.name)) record[entry.name] = text;
      continue;
    }
    if (Object.hasOwn(raw, k)) continue;
    if (model !== null && k === 'model')
      throw new BadRequest('model: unknown parameter; the path names the model', 'unknown-parameter');
    if (!keys.includes(k))
      throw new BadRequest(
        // The CLI's sentence, word for word.
        `${k}: unknown parameter; ${name} takes ${keys.filter((x) => x !== 'model').join(', ')}`,
        'unknown-parameter',
      );
    if (v.trim() !== '') raw[k] = v.trim();
  }
  if (model !== null) raw.model = model;
  const r = parseRequest(name, raw, WEB_LIMITS);
  if (!r.ok) throw new BadRequest(r.message);
  return r.value;
}

/** Validate a route's own parameters with a zod schema; throws BadRequest naming the parameter. */
export function paramsOf<S extends z.ZodType>(q: Query, schema: S, keys: readonly string[]): z.infer<S> {
  const raw = Object.create(null) as Record<string, string>;
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
    if (!known.includes(k))
      throw new BadRequest(
        `${k}: unknown parameter; this route takes ${known.join(', ') || 'none'}`,
        'unknown-parameter',
      );
  }
}

/** The defaults a canonical query leaves out. */
export interface QueryDefaults {
  samples: number | null;
  seed: number;
}

/**
 * A request written back as a query string: defaults left out, overrides sorted, so equal views
 * share one URL. `extra` adds a route's own parameters.
 */
export function canonicalQuery(
  req: {
    samples?: number;
    seed: number;
    sampler: string;
    scenario?: string | null;
    set: Record<string, string>;
    evidence: string;
  },
  extra: Record<string, string | number | null | undefined> = {},
  defaults: QueryDefaults,
): string {
  const p = new URLSearchParams();
  if (req.scenario) p.set('scenario', req.scenario);
  for (const name of Object.keys(req.set).sort()) p.set(`set.${name}`, req.set[name]!);
  if (req.samples !== undefined && req.samples !== defaults.samples) p.set('samples', String(req.samples));
  if (req.seed !== defaults.seed) p.set('seed', String(req.seed));
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
