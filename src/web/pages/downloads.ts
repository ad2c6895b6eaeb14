// A panel's downloads: its chart as the server draws it (/charts/…svg) and its data as the API
// gives it, both asked with exactly the panel's request (its own samples included), so the
// files hold the numbers the panel drew.

import { canonicalQuery } from '../query.ts';
import { DEFAULT_SEED, type RunRequest } from '../../analysis/request.ts';
import { SAMPLES, type Job } from '../../analysis/registry/index.ts';
import type { SourcedChart } from '../charts/sources.ts';
import { MODEL_ROUTES } from '../routes/analysis-routes.ts';

/** Request fields a page's canonical query writes itself; the others follow them as written. */
const RUN_FIELDS = new Set(['model', 'samples', 'seed', 'sampler', 'scenario', 'set', 'evidence']);

/**
 * The query that asks the API (or the chart route) for exactly `job`'s request: the run
 * parameters as a page writes them, then every other field the analysis took (a list as
 * `a,b`, a record of overrides as `name.key=text`), defaults included, so nothing is left to
 * another default.
 */
export function requestQuery(job: Job): string {
  const req = job.request as RunRequest & Record<string, unknown>;
  const extra: Record<string, string> = {};
  for (const [k, v] of Object.entries(req)) {
    if (RUN_FIELDS.has(k) || v === undefined || v === null) continue;
    if (Array.isArray(v)) {
      if (v.length > 0) extra[k] = v.join(',');
    } else if (typeof v === 'object') {
      for (const [name, text] of Object.entries(v as Record<string, unknown>)) extra[`${k}.${name}`] = String(text);
    } else extra[k] = String(v);
  }
  return canonicalQuery(req, extra, { samples: SAMPLES[job.analysis].default, seed: DEFAULT_SEED });
}

/** The API route of each analysis a model's route answers with (the others: /sensitivity?method=). */
const API_ROUTES = new Map<string, string>(Object.entries(MODEL_ROUTES).map(([route, analysis]) => [analysis, route]));

/** The links of a panel drawn as `chart` from `job`: the API's JSON and the server's SVG. */
export function downloadsOf(modelId: string, job: Job, chart: SourcedChart): { data: string; chart: string } {
  const q = requestQuery(job);
  const route = API_ROUTES.get(job.analysis);
  const data = route
    ? `/api/models/${modelId}/${route}${q}`
    : `/api/models/${modelId}/sensitivity${q}${q ? '&' : '?'}method=${job.analysis}`;
  return { data, chart: `/charts/${modelId}/${chart}.svg${q}` };
}
