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
import { sendRendered } from '../rendered.ts';

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

/** A standalone SVG may be embedded anywhere, and runs nothing. */
const SVG_HEADERS = {
  'Cross-Origin-Resource-Policy': 'cross-origin',
  'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'",
};

export function chartRoutes(site: Site, gate: Gate): Router {
  const r = Router();
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
    // Kept with the app's other finished responses: a repeat view is a lookup, with its ETag.
    const key = `svg|${name}|${c.key}|${size.width ?? ''}|${size.height ?? ''}`;
    let svg = site.rendered.get(key);
    if (!svg) {
      // CHART_SOURCES pairs each chart with an analysis whose result is that chart's data.
      svg = site.rendered.make(renderSvg(name, c.result.value as never, size), 'image/svg+xml', 200, key);
      svg.headers = SVG_HEADERS;
      site.rendered.set(key, svg);
    }
    await sendRendered(req, res, svg);
  });
  return r;
}
