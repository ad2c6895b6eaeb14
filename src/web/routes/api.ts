// The JSON API: the analyses of the registry over HTTP, with the CLI's shapes and the CLI's
// parameters (checked by the same schemas), and the models and predictions as they stand.
// Unknown models are 404; a model whose file is broken keeps answering from its last good version.

import { Router, type Request, type Response } from 'express';
import { findModel, HttpError, type Site } from '../site.ts';
import { queryOf, requestOf, paramsOf, rejectUnknown, BadRequest } from '../query.ts';
import { jobFor } from '../jobs.ts';
import { openApi } from '../openapi/index.ts';
import { CSV_MAX_SAMPLES, MODEL_ROUTES, PROJECT_ROUTES } from './analysis-routes.ts';
import { modelJson } from '../pages/model-json.ts';
import { predictionsJson, predictionJson } from '../pages/predictions-json.ts';
import { sendRendered } from '../rendered.ts';
import { trackRecordExport, trackRecordExportCsv, type TrackRecordExport } from '../../predictions/index.ts';
import { formatError } from '../../model/errors.ts';
import type { Snapshot } from '../live-project.ts';
import type { TrackRecord } from '../track.ts';
import { methodSchema, type AnalysisName, type Job, type ResultOf } from '../../analysis/registry/index.ts';

type Gate = (req: Request, res: Response) => Promise<void>;

/** Run a job for the request, counting it against the rate limit unless cached; errors are 400. */
async function compute<N extends AnalysisName>(
  site: Site,
  gate: Gate,
  req: Request,
  res: Response,
  snapshot: Snapshot,
  job: Job<N>,
) {
  if (!site.results.known(job, snapshot)) await gate(req, res);
  const c = await site.results.get(job, snapshot);
  if (!c.result.ok) throw new HttpError(400, c.result.errors.map(formatError).join('\n'), c.result.errors);
  return { value: c.result.value, key: c.key };
}

/** Send a computed result, serialised once per result (and kept for the same URL). */
async function send<N extends AnalysisName>(
  site: Site,
  gate: Gate,
  req: Request,
  res: Response,
  snapshot: Snapshot,
  job: Job<N>,
  body: (v: ResultOf<N>) => string = (v) => JSON.stringify(v),
  type = 'json',
) {
  const { value, key } = await compute(site, gate, req, res, snapshot, job);
  const k = `api|${req.path}|${key}`;
  let rendered = site.rendered.get(k);
  if (!rendered) {
    // The result's key names the body: a large one is never hashed.
    rendered = site.rendered.make(body(value), type, 200, k);
    const disposition = res.get('Content-Disposition');
    if (disposition) rendered.headers = { 'Content-Disposition': disposition };
    site.rendered.set(k, rendered);
  }
  // The same answer for the same URL until a model file or the track record changes.
  if (typeof res.locals.urlKey === 'string') site.rendered.set(res.locals.urlKey, rendered);
  await sendRendered(req, res, rendered);
}

/** A repeat request for a computed result is answered from its URL alone, before any parsing. */
function byUrl(site: Site, req: Request, res: Response, next: () => void) {
  const snapshot = site.live.current();
  const key = `url|${req.originalUrl}|${snapshot.version}|${site.track?.stateKey(snapshot) ?? ''}`;
  const hit = site.rendered.get(key);
  if (hit) return sendRendered(req, res, hit);
  res.locals.urlKey = key;
  next();
}

function modelList(site: Site, req: Request, res: Response) {
  const snapshot = site.live.current();
  rejectUnknown(queryOf(req.originalUrl), []);
  res.set('Cache-Control', 'no-cache').json({
    models: [...snapshot.project.models.values()].map((m) => ({
      id: m.id,
      title: m.title,
      output: m.output,
      file: m.file,
      stale: snapshot.project.stale.has(m.id),
      hash: snapshot.keyOf(m.id),
    })),
    errors: snapshot.project.errors,
  });
}

function oneModel(site: Site, req: Request, res: Response) {
  const snapshot = site.live.current();
  const model = findModel(snapshot, String(req.params.id));
  rejectUnknown(queryOf(req.originalUrl), []);
  res.set('Cache-Control', 'no-cache').json(modelJson(snapshot, model));
}

/** /models/:id/sensitivity?method=…: the request is the chosen method's. */
async function sensitivity(site: Site, gate: Gate, req: Request, res: Response) {
  const snapshot = site.live.current();
  const model = findModel(snapshot, String(req.params.id));
  const q = queryOf(req.originalUrl);
  const { method } = paramsOf(q, methodSchema, ['method']);
  const request = requestOf(method, q, model.id, ['method']);
  await send(site, gate, req, res, snapshot, jobFor(site.track, snapshot, method, request));
}

/** One model's analysis; samples.csv is a download with at most CSV_MAX_SAMPLES rows. */
async function modelAnalysis(site: Site, gate: Gate, analysis: AnalysisName, req: Request, res: Response) {
  const snapshot = site.live.current();
  const model = findModel(snapshot, String(req.params.id));
  const request = requestOf(analysis, queryOf(req.originalUrl), model.id);
  if (analysis === 'samples' && (request.samples ?? 0) > CSV_MAX_SAMPLES)
    throw new BadRequest(
      `samples: samples.csv gives at most ${CSV_MAX_SAMPLES.toLocaleString('en-US')} samples (one row each); ask for fewer, or for several seeds`,
    );
  const job = jobFor(site.track, snapshot, analysis, request);
  if (analysis !== 'samples') return send(site, gate, req, res, snapshot, job);
  const node = ('node' in request ? request.node : undefined) ?? model.output;
  res.set('Content-Disposition', `attachment; filename="${model.id}-${node.replace(/[^A-Za-z0-9_.-]/g, '_')}.csv"`);
  await send(site, gate, req, res, snapshot, job, (csv) => String(csv), 'text/csv');
}

/** An analysis over the project (its request may name a model, which must exist). */
async function projectAnalysis(site: Site, gate: Gate, analysis: AnalysisName, req: Request, res: Response) {
  const snapshot = site.live.current();
  const request = requestOf(analysis, queryOf(req.originalUrl), null);
  if ('model' in request && request.model !== undefined) findModel(snapshot, request.model);
  await send(site, gate, req, res, snapshot, jobFor(site.track, snapshot, analysis, request));
}

/**
 * The track record for an answer about the predictions themselves: when its database could not
 * be read for this request, a 503 that says so (code 'database'), never a list that looks
 * current. Models and analyses keep answering with the resolutions last read.
 */
export function readableTrack(site: Site, res: Response): TrackRecord {
  if (!site.track) throw new HttpError(404, 'this server has no predictions database');
  if (site.trackProblem !== null) {
    res.set('Retry-After', '5');
    throw new HttpError(
      503,
      `the track record cannot be read just now (${site.trackProblem}); try again shortly`,
      [],
      'database',
    );
  }
  return site.track;
}

function predictionList(site: Site, _req: Request, res: Response) {
  const track = readableTrack(site, res);
  res.set('Cache-Control', 'no-cache').json(predictionsJson(track, site.live.current()));
}

function onePrediction(site: Site, req: Request, res: Response) {
  const track = readableTrack(site, res);
  const json = predictionJson(track, site.live.current(), String(req.params.pid));
  if (!json) throw new HttpError(404, `there is no prediction '${req.params.pid}'`);
  res.set('Cache-Control', 'no-cache').json(json);
}

/** The track record as the request sees it (its `asof`), with the implied analysis's credences. */
async function trackRecord(site: Site, gate: Gate, req: Request, res: Response): Promise<TrackRecordExport> {
  const snapshot = site.live.current();
  const track = readableTrack(site, res);
  const board = track.board(snapshot);
  if (!board) throw new HttpError(404, 'this server has no predictions database');
  const job = jobFor(track, snapshot, 'implied', requestOf('implied', queryOf(req.originalUrl), null));
  const { value } = await compute(site, gate, req, res, snapshot, job);
  return trackRecordExport(board.records, board.scoreboard, value);
}

async function trackRecordCsv(site: Site, gate: Gate, req: Request, res: Response) {
  const x = await trackRecord(site, gate, req, res);
  res
    .type('text/csv')
    .set('Cache-Control', 'no-cache')
    .set('Content-Disposition', `attachment; filename="credence-track-record-${x.asof}.csv"`)
    .send(trackRecordExportCsv(x));
}

export function apiRoutes(site: Site, gate: Gate): Router {
  const r = Router();
  const cachedByUrl = (req: Request, res: Response, next: () => void) => byUrl(site, req, res, next);
  r.get('/models/:id/:what', cachedByUrl).get('/voi', cachedByUrl).get('/implied', cachedByUrl);
  r.get('/openapi.json', (_req, res) => void res.set('Cache-Control', 'no-cache').json(openApi()));
  r.get('/models', (req, res) => modelList(site, req, res));
  r.get('/models/:id', (req, res) => oneModel(site, req, res));
  r.get('/models/:id/sensitivity', (req, res) => sensitivity(site, gate, req, res));
  for (const [route, analysis] of Object.entries(MODEL_ROUTES))
    r.get(`/models/:id/${route}`, (req, res) => modelAnalysis(site, gate, analysis, req, res));
  for (const [route, analysis] of Object.entries(PROJECT_ROUTES))
    r.get(`/${route}`, (req, res) => projectAnalysis(site, gate, analysis, req, res));
  r.get('/predictions', (req, res) => predictionList(site, req, res));
  r.get('/predictions/:pid', (req, res) => onePrediction(site, req, res));
  r.get(
    '/track-record',
    async (req, res) => void res.set('Cache-Control', 'no-cache').json(await trackRecord(site, gate, req, res)),
  );
  r.get('/track-record.csv', (req, res) => trackRecordCsv(site, gate, req, res));
  r.use((req, _res, next) => next(new HttpError(404, `there is no API route ${req.method} /api${req.path}`)));
  return r;
}
