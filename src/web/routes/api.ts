// The JSON API: the CLI's shapes (the run report, the analyses' JSON) over HTTP, with query
// parameters checked like the CLI's options. Unknown models are 404; a model whose file is
// broken keeps answering from its last good version.

import { Router, type Request, type Response } from 'express';
import * as z from 'zod';
import { findModel, HttpError, type Site } from '../site.ts';
import { queryOf, runRequestOf, paramsOf, rejectUnknown, listOf, RUN_KEYS, type Query } from '../query.ts';
import { METHODS } from '../compute/analyses.ts';
import { openApi } from '../openapi.ts';
import { modelJson } from '../pages/model-json.ts';
import { predictionsJson, predictionJson } from '../pages/predictions-json.ts';
import type { Job, RunOutput, AnalysisOutput } from '../compute/jobs.ts';
import type { Snapshot } from '../live-project.ts';
import type { RunRequest } from '../../analysis/request.ts';

type Gate = (req: Request, res: Response) => Promise<void>;

const Sensitivity = z.object({
  method: z.enum(METHODS, { error: `method must be one of ${METHODS.join(', ')}` }),
  inputs: listOf.optional(),
  threshold: z.coerce.number({ error: 'threshold must be a number' }).refine(Number.isFinite, 'threshold must be a finite number').optional(),
});
const Crux = z.object({ from: z.string().optional(), to: z.string().optional() });
const Node = z.object({ node: z.string().optional() });

export function apiRoutes(site: Site, gate: Gate): Router {
  const r = Router();

  /** Run a job for the request, counting it against the rate limit unless cached; errors are 400. */
  const compute = async <T>(req: Request, res: Response, snapshot: Snapshot, job: Job): Promise<T> => {
    if (!site.results.peek(job, snapshot)) await gate(req, res);
    const c = await site.results.get<T>(job, snapshot);
    if (!c.result.ok) throw new HttpError(400, c.result.errors.map((e) => `${e.file}:${e.line}:${e.col}: ${e.message}`).join('\n'), c.result.errors);
    res.set('Cache-Control', 'no-cache');
    return c.result.value;
  };
  const base = (req: Request, keys: readonly string[]) => {
    const snapshot = site.live.current();
    const model = findModel(snapshot, String(req.params.id));
    const q: Query = queryOf(req.originalUrl);
    rejectUnknown(q, [...RUN_KEYS, ...keys]);
    const request: RunRequest = runRequestOf(q);
    const extra = site.track?.evidence(snapshot, model.id) ?? [];
    return { snapshot, model, q, request, extra };
  };

  r.get('/openapi.json', (_req, res) => {
    res.set('Cache-Control', 'no-cache').json(openApi());
  });

  r.get('/models', (req, res) => {
    const snapshot = site.live.current();
    rejectUnknown(queryOf(req.originalUrl), []);
    res.set('Cache-Control', 'no-cache').json({
      models: [...snapshot.project.models.values()].map((m) => ({ id: m.id, title: m.title, output: m.output, file: m.file, stale: snapshot.project.stale.has(m.id), hash: snapshot.keyOf(m.id) })),
      errors: snapshot.project.errors,
    });
  });

  r.get('/models/:id', (req, res) => {
    const snapshot = site.live.current();
    const model = findModel(snapshot, req.params.id);
    rejectUnknown(queryOf(req.originalUrl), []);
    res.set('Cache-Control', 'no-cache').json(modelJson(snapshot, model));
  });

  r.get('/models/:id/run', async (req, res) => {
    const { snapshot, model, request, extra } = base(req, []);
    const out = await compute<RunOutput>(req, res, snapshot, { kind: 'run', model: model.id, request, extra, node: null });
    res.json(out.report);
  });

  r.get('/models/:id/distribution', async (req, res) => {
    const { snapshot, model, q, request, extra } = base(req, ['node']);
    const { node } = paramsOf(q, Node, ['node']);
    const out = await compute<RunOutput>(req, res, snapshot, { kind: 'run', model: model.id, request, extra, node: node ?? null });
    res.json(out.distribution);
  });

  r.get('/models/:id/sensitivity', async (req, res) => {
    const { snapshot, model, q, request, extra } = base(req, ['method', 'inputs', 'threshold']);
    const p = paramsOf(q, Sensitivity, ['method', 'inputs', 'threshold']);
    const out = await compute<AnalysisOutput>(req, res, snapshot, { kind: 'sensitivity', model: model.id, request, extra, method: p.method, inputs: p.inputs ?? null, threshold: p.threshold ?? null });
    res.json(out.result);
  });

  r.get('/models/:id/crux', async (req, res) => {
    const { snapshot, model, q, request, extra } = base(req, ['from', 'to']);
    const p = paramsOf(q, Crux, ['from', 'to']);
    const names = Object.keys(model.scenarios);
    const from = p.from ?? '';
    const to = p.to ?? names[0] ?? '';
    const job: Job = { kind: 'crux', model: model.id, request: { ...request, scenario: null, set: {} }, extra, from: { scenario: from || null, set: {} }, to: { scenario: to || null, set: request.set } };
    res.json((await compute<AnalysisOutput>(req, res, snapshot, job)).result);
  });

  r.get('/models/:id/graph', async (req, res) => {
    const { snapshot, model, request, extra } = base(req, []);
    res.json(await compute(req, res, snapshot, { kind: 'graph', model: model.id, request, extra }));
  });

  r.get('/models/:id/samples.csv', async (req, res) => {
    const { snapshot, model, q, request, extra } = base(req, ['node']);
    const node = paramsOf(q, Node, ['node']).node ?? snapshot.project.models.get(model.id)!.output;
    const csv = await compute<string>(req, res, snapshot, { kind: 'samples', model: model.id, request, extra, node });
    res
      .type('text/csv')
      .set('Content-Disposition', `attachment; filename="${model.id}-${node.replace(/[^A-Za-z0-9_.-]/g, '_')}.csv"`)
      .send(csv);
  });

  r.get('/predictions', (_req, res) => {
    if (!site.track) throw new HttpError(404, 'this server has no predictions database');
    res.set('Cache-Control', 'no-cache').json(predictionsJson(site.track, site.live.current()));
  });

  r.get('/predictions/:pid', (req, res) => {
    if (!site.track) throw new HttpError(404, 'this server has no predictions database');
    const json = predictionJson(site.track, site.live.current(), req.params.pid);
    if (!json) throw new HttpError(404, `there is no prediction '${req.params.pid}'`);
    res.set('Cache-Control', 'no-cache').json(json);
  });

  r.use((req, _res, next) => next(new HttpError(404, `there is no API route ${req.method} /api${req.path}`)));
  return r;
}
