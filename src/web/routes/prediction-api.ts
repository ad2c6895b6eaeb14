// One prediction's credences over time as JSON: the data its page's chart draws (the author's,
// each forecast, the forecasters' median, and the credence its linked model implies after each
// resolution of another prediction), waiting for the model's runs like any computed route.

import { Router, type Request, type Response } from 'express';
import { HttpError, type Site } from '../site.ts';
import { queryOf, rejectUnknown } from '../query.ts';
import { credenceHistory } from '../credence-history.ts';

type Gate = (req: Request, res: Response) => Promise<void>;

/** `GET /api/predictions/:pid/credence`: the chart's data, computed when not cached. */
async function credenceOverTime(site: Site, gate: Gate, req: Request, res: Response) {
  rejectUnknown(queryOf(req.originalUrl), []);
  const snapshot = site.live.current();
  const pid = String(req.params.pid);
  if (!site.track?.catalog(snapshot).catalog?.byId.has(pid))
    throw new HttpError(404, `there is no prediction '${pid}'`);
  const ready = await credenceHistory(site, snapshot, pid, 0);
  if (ready?.state !== 'ready') await gate(req, res);
  const h = ready?.state === 'ready' ? ready : await credenceHistory(site, snapshot, pid, 600_000);
  if (!h || h.state === 'pending') throw new HttpError(503, 'still computing; ask again in a moment');
  if (h.state === 'error') throw new HttpError(400, h.errors.join('\n'));
  res.set('Cache-Control', 'no-cache').json(h.value);
}

export function predictionApiRoutes(site: Site, gate: Gate): Router {
  return Router().get('/predictions/:pid/credence', (req, res) => credenceOverTime(site, gate, req, res));
}
