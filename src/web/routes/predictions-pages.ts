// The predictions pages: the list (with its computed panels, fetched alone from
// /predictions/panels/<id> when they were not ready in time) and one prediction's page (its panels
// likewise from /predictions/<id>/panels/<name>).

import { Router, type Request, type Response } from 'express';
import { HttpError, type Site } from '../site.ts';
import { predictionsPage, predictionPage } from '../pages/predictions.ts';
import { predictionsPanels, PREDICTIONS_PANELS, type PredictionsPanelName } from '../pages/predictions-panels.ts';
import { forecasterPage } from '../pages/forecaster.ts';
import { predictionPanels, PREDICTION_PANELS, type PredictionPanelName } from '../pages/prediction-panels.ts';
import { queryOf, rejectUnknown } from '../query.ts';
import { num, pct } from '../format.ts';
import { renderPage, cachedPage } from './render.ts';

type Gate = (req: Request, res: Response) => Promise<void>;

/** The list: the track record, its panels, and which open prediction is most worth resolving. */
function listPage(site: Site, req: Request, res: Response) {
  return cachedPage(site, req, res, async (snapshot) => {
    rejectUnknown(queryOf(req.originalUrl), []);
    const page = await predictionsPage(site, snapshot, site.budgetMs);
    if (!page) throw new HttpError(404, 'this server has no predictions');
    return {
      html: renderPage(site, snapshot, 'predictions', 'Predictions: the track record and what to resolve next', {
        page,
        share: {
          path: '/predictions',
          description: `${page.board.scoreboard.counts.total} predictions tracked against the models: each with the author's credence, the model's and the forecasters', and which open one is most worth resolving.`,
        },
      }),
      status: 200,
      complete: page.panels.every((p) => p.state !== 'pending'),
    };
  });
}

/** One of the list's panels alone, for a page that sent it while it was computing. */
async function listPanel(site: Site, gate: Gate, req: Request, res: Response) {
  const snapshot = site.live.current();
  rejectUnknown(queryOf(req.originalUrl), []);
  const name = req.params.panel as PredictionsPanelName;
  const board = site.track?.board(snapshot);
  if (!board || !PREDICTIONS_PANELS.includes(name))
    return void res.status(404).type('text/plain').send(`there is no panel '${req.params.panel}'`);
  await gate(req, res);
  const [panel] = await predictionsPanels(site, snapshot, board, 600_000, name);
  if (!panel) return void res.status(404).type('text/plain').send(`there is no panel '${name}'`);
  res.type('html').set('Cache-Control', 'no-cache').send(site.views.partial('panel', { panel }));
}

/** One prediction's page; `?resolved=<version>` confirms a resolution just recorded. */
function predictionPageRoute(site: Site, req: Request, res: Response) {
  return cachedPage(site, req, res, async (snapshot) => {
    const query = queryOf(req.originalUrl);
    rejectUnknown(query, ['resolved']);
    const resolved = query.get('resolved');
    const version = resolved && /^\d+$/.test(resolved) ? Number(resolved) : null;
    const pid = String(req.params.pid);
    const page = site.track ? await predictionPage(site, snapshot, pid, version) : null;
    if (!page) throw new HttpError(404, `there is no prediction '${pid}'`);
    const title = `Prediction ${page.prediction.id}: ${page.prediction.statement}`;
    return {
      html: renderPage(site, snapshot, 'prediction', title, {
        page,
        share: {
          path: `/predictions/${page.prediction.id}`,
          description: `${page.prediction.statement} The author said ${pct(page.prediction.credence)}; status: ${page.status}.`,
        },
      }),
      status: 200,
      complete: page.panels.every((x) => x.state !== 'pending'),
    };
  });
}

/** One of a prediction's panels alone, for a page that sent it while it was computing. */
async function predictionPanel(site: Site, gate: Gate, req: Request, res: Response) {
  const snapshot = site.live.current();
  rejectUnknown(queryOf(req.originalUrl), []);
  const pid = String(req.params.pid);
  const name = req.params.panel as PredictionPanelName;
  if (!site.track?.catalog(snapshot).catalog?.byId.has(pid) || !PREDICTION_PANELS.includes(name))
    return void res.status(404).type('text/plain').send(`there is no panel '${req.params.panel}' of this prediction`);
  await gate(req, res);
  const [panel] = await predictionPanels(site, snapshot, pid, 600_000, name);
  if (!panel) return void res.status(404).type('text/plain').send(`there is no panel '${name}'`);
  res.type('html').set('Cache-Control', 'no-cache').send(site.views.partial('panel', { panel }));
}

/** A forecaster's scores and calibration. */
function forecasterPageRoute(site: Site, req: Request, res: Response) {
  return cachedPage(site, req, res, async (snapshot) => {
    rejectUnknown(queryOf(req.originalUrl), []);
    const name = String(req.params.name);
    const page = site.track ? forecasterPage(site.track, snapshot, name) : null;
    if (!page) throw new HttpError(404, `there is no forecaster '${name}' in the track record`);
    const who = page.isAuthor ? 'The author' : page.name;
    return {
      html: renderPage(site, snapshot, 'forecaster', `${who}: scores and calibration`, {
        page,
        share: {
          path: `/forecasters/${encodeURIComponent(page.name)}`,
          description: page.scores
            ? `${who}: Brier ${num(page.scores.brier)} over ${page.scores.n} resolved predictions, with calibration.`
            : `${who}: forecasts tracked against the models.`,
        },
      }),
      status: 200,
      complete: true,
    };
  });
}

export function predictionPageRoutes(site: Site, gate: Gate): Router {
  return Router()
    .get('/predictions', (req, res) => listPage(site, req, res))
    .get('/predictions/panels/:panel', (req, res) => listPanel(site, gate, req, res))
    .get('/predictions/:pid', (req, res) => predictionPageRoute(site, req, res))
    .get('/predictions/:pid/panels/:panel', (req, res) => predictionPanel(site, gate, req, res))
    .get('/forecasters/:name', (req, res) => forecasterPageRoute(site, req, res));
}
