// The common shape of registry entries over one model's view (a scenario, overrides and
// evidence): they read no predictions, apply the outside evidence of the model they run, and
// compute from the resolved view with the shared column pool.

import type * as z from 'zod';
import { resolveRequest, type Limits, type ResolvedRequest, type RunRequest } from '../request.ts';
import { defineAnalysis, evidenceOf, type Analysis, type Outside } from './define.ts';
import { columns } from './pool.ts';
import type { Project } from '../../model/project.ts';
import type { Result } from '../../model/errors.ts';

/** The view a run request asks for, with the outside evidence of its model and the shared pool. */
export function resolveView(
  project: Project,
  req: Omit<RunRequest, 'scenario'> & { scenario?: string | null },
  outside: Outside,
): Result<ResolvedRequest> {
  const r = resolveRequest(project, req, evidenceOf(outside, req.model));
  if (!r.ok) return r;
  return { ok: true, value: { ...r.value, options: { ...r.value.options, pool: columns } } };
}

/** The one model a request runs. */
export const oneModel = (req: { model: string }) => [req.model];

/** An entry computed from one resolved view of the request's model. */
export function viewAnalysis<S extends z.ZodType<RunRequest>, R>(entry: {
  about: string;
  request: (limits: Limits) => S;
  analyse: (view: ResolvedRequest, req: z.output<S>, project: Project) => Result<R>;
}): Analysis<S, R> {
  return defineAnalysis({
    about: entry.about,
    request: entry.request,
    predictions: 'none',
    models: oneModel,
    run(project, req, outside) {
      const r = resolveView(project, req, outside);
      return r.ok ? entry.analyse(r.value, req, project) : r;
    },
  });
}
