// Charts as standalone SVG files (`/charts/:model/:chart.svg`), drawn on the server by the same
// chart code as the page from the same analysis of the registry as the API, with the API's
// parameters plus `width` and `height`, for embedding in posts.

import { Router, type Request, type Response } from 'express';
import * as z from 'zod';
import { findModel, HttpError, type Site } from '../site.ts';
import { queryOf, requestOf, paramsOf } from '../query.ts';
import { jobFor } from '../jobs.ts';
import { renderSvg } from '../charts/svg.ts';
import { CHART_SOURCES, isChartSource } from '../charts/sources.ts';
import { formatError } from '../../model/errors.ts';
import { Lru } from '../lru.ts';

type Gate = (req: Request, res: Response) => Promise<void>;

const SIZE_KEYS = ['width', 'height'] as const;
const Size = z.object({
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
    if (!isChartSource(name)) throw new HttpError(404, `there is no chart '${name}'`);
    const analysis = CHART_SOURCES[name];
    const q = queryOf(req.originalUrl);
    const size = paramsOf(q, Size, SIZE_KEYS);
    const job = jobFor(site.track, snapshot, analysis, requestOf(analysis, q, model.id, SIZE_KEYS));
    if (!site.results.known(job, snapshot)) await gate(req, res);
    const c = await site.results.get(job, snapshot);
    if (!c.result.ok) throw new HttpError(400, c.result.errors.map(formatError).join('\n'), c.result.errors);
    const svgKey = `${name}|${c.key}|${size.width ?? ''}|${size.height ?? ''}`;
    let svg = rendered.get(svgKey);
    if (svg === undefined) {
      // CHART_SOURCES pairs each chart with an analysis whose result is that chart's data.
      svg = renderSvg(name, c.result.value as never, size);
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
