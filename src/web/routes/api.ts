// The JSON API: the CLI's shapes (the run report, the analyses' JSON) over HTTP, with query
// parameters checked like the CLI's options. Unknown models are 404; a model whose file is
// broken keeps answering from its last good version.

import { Router, type Request, type Response } from 'express';
import * as z from 'zod';
import { findModel, HttpError, type Site } from '../site.ts';
import { queryOf, runRequestOf, paramsOf, rejectUnknown, listOf, RUN_KEYS, type Query } from '../query.ts';
import { METHODS } from '../compute/analyses.ts';
import { DEFAULT_SAMPLES } from '../../analysis/sensitivity.ts';
import { openApi } from '../openapi.ts';
import { modelJson } from '../pages/model-json.ts';
import { predictionsJson, predictionJson } from '../pages/predictions-json.ts';
import { sendRendered } from '../rendered.ts';
import type { Job, RunOutput, AnalysisOutput } from '../compute/jobs.ts';
import type { RunReport } from '../../analysis/report.ts';
import type { Snapshot } from '../live-project.ts';
import type { RunRequest } from '../../analysis/request.ts';
import { formatError } from '../../model/errors.ts';

type Gate = (req: Request, res: Response) => Promise<void>;

const Sensitivity = z.object({
  method: z.enum(METHODS, { error: `method must be one of ${METHODS.join(', ')}` }),
  inputs: listOf.optional(),
  threshold: z.coerce
    .number({ error: 'threshold must be a number' })
    .refine(Number.isFinite, 'threshold must be a finite number')
    .optional(),
});
const Crux = z.object({ from: z.string().optional(), to: z.string().optional() });
const Node = z.object({ node: z.string().optional() });

export function apiRoutes(site: Site, gate: Gate): Router {
  const r = Router();

  /** Run a job for the request, counting it against the rate limit unless cached; errors are 400. */
  const compute = async <T>(
    req: Request,
    res: Response,
    snapshot: Snapshot,
    job: Job,
  ): Promise<{ value: T; key: string }> => {
    if (!site.results.known(job, snapshot)) await gate(req, res);
    const c = await site.results.get<T>(job, snapshot);
    if (!c.result.ok) throw new HttpError(400, c.result.errors.map(formatError).join('\n'), c.result.errors);
    return { value: c.result.value, key: c.key };
  };
  /** Send a computed result (a projection of it) as JSON, serialised once per result. */
  const sendComputed = async <T>(
    req: Request,
    res: Response,
    snapshot: Snapshot,
    job: Job,
    project: (v: T) => unknown,
    type = 'json',
    serialise: (v: unknown) => string = (v) => JSON.stringify(v),
  ) => {
    const { value, key } = await compute<T>(req, res, snapshot, job);
    const k = `api|${req.path}|${key}`;
    let r = site.rendered.get(k);
    if (!r) {
      r = site.rendered.make(serialise(project(value)), type);
      const disposition = res.get('Content-Disposition');
      if (disposition) r.headers = { 'Content-Disposition': disposition };
      site.rendered.set(k, r);
    }
    // The same answer for the same URL until a model file or the track record changes.
    if (typeof res.locals.urlKey === 'string') site.rendered.set(res.locals.urlKey, r);
    sendRendered(req, res, r);
  };

  /** A repeat request for a computed result is answered from its URL alone, before any parsing. */
  r.get('/models/:id/:what', (req, res, next) => {
    const snapshot = site.live.current();
    const key = `url|${req.originalUrl}|${snapshot.version}|${site.track?.stateKey(snapshot) ?? ''}`;
    const hit = site.rendered.get(key);
    if (hit) return sendRendered(req, res, hit);
    res.locals.urlKey = key;
    next();
  });
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
  });

  r.get('/models/:id', (req, res) => {
    const snapshot = site.live.current();
    const model = findModel(snapshot, req.params.id);
    rejectUnknown(queryOf(req.originalUrl), []);
    res.set('Cache-Control', 'no-cache').json(modelJson(snapshot, model));
  });

  r.get('/models/:id/run', async (req, res) => {
    const { snapshot, model, request, extra } = base(req, []);
    await sendComputed<{ report: RunReport }>(
      req,
      res,
      snapshot,
      { kind: 'report', model: model.id, request, extra },
      (v) => v.report,
    );
  });

  r.get('/models/:id/distribution', async (req, res) => {
    const { snapshot, model, q, request, extra } = base(req, ['node']);
    const { node } = paramsOf(q, Node, ['node']);
    await sendComputed<RunOutput>(
      req,
      res,
      snapshot,
      { kind: 'run', model: model.id, request, extra, node: node ?? null, brief: true },
      (v) => v.distribution,
    );
  });

  r.get('/models/:id/sensitivity', async (req, res) => {
    const { snapshot, model, q, request: asked, extra } = base(req, ['method', 'inputs', 'threshold']);
    const p = paramsOf(q, Sensitivity, ['method', 'inputs', 'threshold']);
    // Without samples, each method uses the CLI's default for it.
    const request = q.get('samples')?.trim() ? asked : { ...asked, samples: DEFAULT_SAMPLES[p.method] };
    await sendComputed<AnalysisOutput>(
      req,
      res,
      snapshot,
      {
        kind: 'sensitivity',
        model: model.id,
        request,
        extra,
        method: p.method,
        inputs: p.inputs ?? null,
        threshold: p.threshold ?? null,
      },
      (v) => v.result,
    );
  });

  r.get('/models/:id/crux', async (req, res) => {
    const { snapshot, model, q, request, extra } = base(req, ['from', 'to']);
    const p = paramsOf(q, Crux, ['from', 'to']);
    const names = Object.keys(model.scenarios);
    const from = p.from ?? '';
    const to = p.to ?? names[0] ?? '';
    const ownSamples = !q.get('samples')?.trim();
    const job: Job = {
      kind: 'crux',
      model: model.id,
      request: { ...request, scenario: null, set: {} },
      extra,
      from: { scenario: from || null, set: {} },
      to: { scenario: to || null, set: request.set },
      ownSamples,
    };
    await sendComputed<AnalysisOutput>(req, res, snapshot, job, (v) => v.result);
  });

  r.get('/models/:id/graph', async (req, res) => {
    const { snapshot, model, request, extra } = base(req, []);
    await sendComputed(req, res, snapshot, { kind: 'graph', model: model.id, request, extra }, (v) => v);
  });

  r.get('/models/:id/samples.csv', async (req, res) => {
    const { snapshot, model, q, request, extra } = base(req, ['node']);
    const node = paramsOf(q, Node, ['node']).node ?? snapshot.project.models.get(model.id)!.output;
    res.set('Content-Disposition', `attachment; filename="${model.id}-${node.replace(/[^A-Za-z0-9_.-]/g, '_')}.csv"`);
    await sendComputed<string>(
      req,
      res,
      snapshot,
      { kind: 'samples', model: model.id, request, extra, node },
      (v) => v,
      'text/csv',
      (v) => v as string,
    );
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
