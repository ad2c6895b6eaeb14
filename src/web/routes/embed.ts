// Each chart of a model as a page for an iframe, `/charts/:model/:chart?embed=1` (the one kind of
// page any site may frame: the rest of the site stays unframeable), and as a PNG,
// `/charts/:model/:chart.png` (for blogs and chats that take no SVG). Both are the standalone
// SVG's drawing, from the same analysis of the registry with the same parameters.

import { Router, type Request, type Response } from 'express';
import * as z from 'zod';
import { findModel, HttpError, type Site } from '../site.ts';
import { queryOf, requestOf, paramsOf } from '../query.ts';
import { jobFor } from '../jobs.ts';
import { renderSvg, SvgMarkup } from '../charts/svg.ts';
import { CHART_SOURCES, isChartSource, type SourcedChart } from '../charts/sources.ts';
import { CHARTS } from '../charts/index.ts';
import { svgToPng } from '../png.ts';
import { formatError } from '../../model/errors.ts';
import { Lru } from '../lru.ts';
import { layoutContext } from './render.ts';
import { requestContext } from '../request-context.ts';

type Gate = (req: Request, res: Response) => Promise<void>;

const KEYS = ['width', 'height', 'embed'] as const;
const Params = z.object({
  width: z.coerce.number({ error: 'width must be a number' }).int().min(320).max(2000).optional(),
  height: z.coerce.number({ error: 'height must be a number' }).int().min(200).max(2000).optional(),
  embed: z.enum(['1', '0'], { error: 'embed must be 1 (a page for an iframe on any site) or 0' }).optional(),
});

/** What a framing site may do: only an embed page may be framed, by anyone, and runs no script. */
const EMBED_CSP =
  "default-src 'none'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors *";

/** The chart's SVG for the request, drawn from its analysis (computed once, then cached). */
async function drawn(site: Site, gate: Gate, req: Request, res: Response, name: string) {
  const snapshot = site.live.current();
  const model = findModel(snapshot, String(req.params.model));
  if (!isChartSource(name)) throw new HttpError(404, `there is no chart '${name}'`);
  const analysis = CHART_SOURCES[name];
  const q = queryOf(req.originalUrl);
  const params = paramsOf(q, Params, KEYS);
  const job = jobFor(site.track, snapshot, analysis, requestOf(analysis, q, model.id, KEYS));
  if (!site.results.known(job, snapshot)) await gate(req, res);
  const c = await site.results.get(job, snapshot);
  if (!c.result.ok) throw new HttpError(400, c.result.errors.map(formatError).join('\n'), c.result.errors);
  const size = { width: params.width, height: params.height };
  // CHART_SOURCES pairs each chart with an analysis whose result is that chart's data.
  const data = c.result.value as never;
  return { snapshot, model, params, key: c.key, data, svg: renderSvg(name as SourcedChart, data, size) };
}

async function chartPng(site: Site, gate: Gate, pngs: Lru<Buffer>, req: Request, res: Response) {
  const chart = String(req.params.chart);
  const d = await drawn(site, gate, req, res, chart);
  const key = `${chart}|${d.key}|${d.params.width ?? ''}|${d.params.height ?? ''}`;
  let png = pngs.get(key);
  if (!png) {
    png = svgToPng(d.svg, { scale: 2 });
    pngs.set(key, png);
  }
  res.type('image/png').set('Cache-Control', 'no-cache').set('Cross-Origin-Resource-Policy', 'cross-origin').send(png);
}

/** The chart's page: for this site, or (`embed=1`) for an iframe on any site. */
async function chartPage(site: Site, gate: Gate, req: Request, res: Response) {
  const name = String(req.params.chart);
  const d = await drawn(site, gate, req, res, name);
  const embed = d.params.embed === '1';
  const chart = CHARTS[name as SourcedChart];
  const query = new URLSearchParams([...queryOf(req.originalUrl)].filter(([k]) => k !== 'embed')).toString();
  const html = site.views.partial('embed-page', {
    ...layoutContext(site, d.snapshot, `${d.model.title}: ${chart.title(d.data)}`),
    embed,
    model: { id: d.model.id, title: d.model.title },
    chartTitle: chart.title(d.data),
    caption: chart.table(d.data).caption,
    svg: new SvgMarkup(d.svg.replace(/^<\?xml[^>]*>\s*/, '')),
    pagePath: `/models/${d.model.id}${query ? `?${query}` : ''}`,
    svgPath: `/charts/${d.model.id}/${name}.svg${query ? `?${query}` : ''}`,
    pngPath: `/charts/${d.model.id}/${name}.png${query ? `?${query}` : ''}`,
    embedUrl: `${requestContext()?.origin ?? ''}/charts/${d.model.id}/${name}?${query ? `${query}&` : ''}embed=1`,
  });
  if (embed) {
    res.removeHeader('X-Frame-Options');
    res.set('Content-Security-Policy', EMBED_CSP).set('Cross-Origin-Resource-Policy', 'cross-origin');
  }
  res.type('html').set('Cache-Control', 'no-cache').send(html);
}

export function embedRoutes(site: Site, gate: Gate): Router {
  const pngs = new Lru<Buffer>(100, 50 * 1024 * 1024, (b) => b.length);
  return Router()
    .get('/:model/:chart.png', (req, res) => chartPng(site, gate, pngs, req, res))
    .get('/:model/:chart', (req, res) => chartPage(site, gate, req, res));
}
