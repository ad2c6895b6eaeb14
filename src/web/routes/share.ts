// Social previews: the PNG each page names in its Open Graph and Twitter-card tags, drawn on the
// server from the same SVG as the page's headline chart, at the 1200 × 630 that link previews
// expect. A model page's preview is its output's distribution in the page's view (its query
// carries the view); the home page's is the overall model's.

import { Router } from 'express';
import { findModel, HttpError, type Site } from '../site.ts';
import { queryOf, requestOf } from '../query.ts';
import { jobFor } from '../jobs.ts';
import { Lru } from '../lru.ts';
import { renderSvg } from '../charts/svg.ts';
import { svgToPng } from '../png.ts';
import { formatError } from '../../model/errors.ts';
import type { ChartName, NodeDistribution } from '../charts/index.ts';
import type { Panel } from '../pages/panels.ts';
import { interval, preciseValue } from '../format.ts';

export const PREVIEW = { width: 1200, height: 630 } as const;

export function shareRoutes(site: Site): Router {
  const r = Router();
  const pngs = new Lru<Buffer>(100, 40 * 1024 * 1024, (b) => b.length);

  const send = (res: import('express').Response, png: Buffer) =>
    res
      .type('image/png')
      .set('Cache-Control', 'no-cache')
      .set('Cross-Origin-Resource-Policy', 'cross-origin')
      .send(png);

  const modelPreview = async (req: import('express').Request, res: import('express').Response, id: string) => {
    const snapshot = site.live.current();
    const model = findModel(snapshot, id);
    const chart: ChartName = 'distribution';
    const job = jobFor(
      site.track,
      snapshot,
      'distribution',
      requestOf('distribution', queryOf(req.originalUrl), model.id),
    );
    const c = await site.results.get(job, snapshot);
    if (!c.result.ok) throw new HttpError(400, c.result.errors.map(formatError).join('\n'), c.result.errors);
    const key = `${chart}|${c.key}`;
    let png = pngs.get(key);
    if (!png) {
      png = svgToPng(renderSvg(chart, c.result.value, PREVIEW));
      pngs.set(key, png);
    }
    send(res, png);
  };

  r.get('/og/home.png', async (req, res) => {
    if (!site.headline) throw new HttpError(404, 'there is no overall model');
    await modelPreview(req, res, site.headline);
  });
  r.get('/og/models/:id.png', (req, res) => modelPreview(req, res, req.params.id));
  return r;
}

/** "How likely …? 32.0% (90% interval 0.47% to 89%)": a headline panel's answer, for link previews. */
export function answerText(question: string, panel: Panel | null | undefined): string | undefined {
  if (!panel || panel.state !== 'ready') return undefined;
  const d = panel.value as NodeDistribution | null;
  const s = d?.posterior?.stats ?? d?.prior?.stats;
  if (!d || !s) return undefined;
  return `${question} ${preciseValue(s.mean, d.unit)} (90% interval ${interval(s.p5, s.p95, d.unit)}), from a model whose every number is traced to a source or an assumption.`;
}
