// Charts as standalone SVG files (`/charts/:model/:chart.svg`), drawn on the server by the same
// chart code as the page, with the page's query parameters, for embedding in posts.

import { Router, type Request, type Response } from 'express';
import * as z from 'zod';
import { findModel, HttpError, type Site } from '../site.ts';
import { queryOf, runRequestOf, paramsOf, rejectUnknown, listOf, RUN_KEYS } from '../query.ts';
import { CHART_JOBS } from '../chart-jobs.ts';
import { renderSvg } from '../charts/svg.ts';
import { isChartName } from '../charts/index.ts';
import { Lru } from '../lru.ts';
import { formatError } from '../../model/errors.ts';

type Gate = (req: Request, res: Response) => Promise<void>;

const KEYS = ['node', 'inputs', 'from', 'to', 'threshold', 'width', 'height'] as const;
const Params = z.object({
  node: z.string().optional(),
  inputs: listOf.optional(),
  from: z.string().optional(),
  to: z.string().optional(),
  threshold: z.coerce.number({ error: 'threshold must be a number' }).optional(),
  width: z.coerce
    .number({ error: 'width must be a number' })
    .int('width must be a whole number')
    .min(320, 'width must be from 320 to 2000')
    .max(2000, 'width must be from 320 to 2000')
    .optional(),
  height: z.coerce
    .number({ error: 'height must be a number' })
    .int('height must be a whole number')
    .min(200, 'height must be from 200 to 2000')
    .max(2000, 'height must be from 200 to 2000')
    .optional(),
});

export function chartRoutes(site: Site, gate: Gate): Router {
  const r = Router();
  const rendered = new Lru<string>(200, 50 * 1024 * 1024, (s) => s.length);
  r.get('/:model/:chart.svg', async (req, res) => {
    const snapshot = site.live.current();
    const model = findModel(snapshot, req.params.model);
    const name = req.params.chart;
    const cj = CHART_JOBS[name];
    if (!cj || !isChartName(name)) throw new HttpError(404, `there is no chart '${name}'`);
    const q = queryOf(req.originalUrl);
    rejectUnknown(q, [...RUN_KEYS, ...KEYS]);
    const request = runRequestOf(q);
    const p = paramsOf(q, Params, KEYS);
    const extra = site.track?.evidence(snapshot, model.id) ?? [];
    const job = cj.job({
      model,
      request,
      extra,
      node: p.node ?? null,
      inputs: p.inputs ?? null,
      from: p.from ?? null,
      to: p.to ?? null,
      threshold: p.threshold ?? null,
    });
    if (!site.results.known(job, snapshot)) await gate(req, res);
    const c = await site.results.get(job, snapshot);
    if (!c.result.ok) throw new HttpError(400, c.result.errors.map(formatError).join('\n'), c.result.errors);
    const svgKey = `${name}|${c.key}|${p.width ?? ''}|${p.height ?? ''}`;
    let svg = rendered.get(svgKey);
    if (svg === undefined) {
      svg = renderSvg(name, cj.data(c.result.value) as never, { width: p.width, height: p.height });
      rendered.set(svgKey, svg);
    }
    res
      .type('image/svg+xml')
      .set('Cache-Control', 'no-cache')
      .set('Cross-Origin-Resource-Policy', 'cross-origin')
      .set('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'")
      .send(svg);
  });
  return r;
}
