// What a computation costs, estimated before it is queued: the cells it evaluates, samples ×
// quantities × the passes its analysis makes over the model (one run, a run per scenario, a
// pinned run per input and point…). The passes are rough (within a factor of about three of
// what the analyses take, measured on the shipped models); they decide admission, not billing.
// Sending a large body costs its bytes (compressing one costs about as much per byte as
// evaluating a cell).

import { modelsOf, type Job } from '../../analysis/registry/index.ts';
import type { Project } from '../../model/project.ts';

/** Quantities and inputs of a model with every import copied in. */
export interface ModelSize {
  quantities: number;
  inputs: number;
  scenarios: number;
}

const sizes = new WeakMap<Project, Map<string, ModelSize>>();

/** The size of `id` once flattened (iterative, and each model counted once per import of it). */
export function modelSize(project: Project, id: string): ModelSize {
  let memo = sizes.get(project);
  if (!memo) sizes.set(project, (memo = new Map()));
  const known = memo.get(id);
  if (known) return known;
  // Post-order over the import graph; the loader has refused cycles and oversized expansions.
  const stack: { id: string; expanded: boolean }[] = [{ id, expanded: false }];
  const onStack = new Set<string>();
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!;
    const m = project.models.get(top.id);
    if (!m || memo.has(top.id)) {
      stack.pop();
      continue;
    }
    const imports = Object.values(m.imports);
    if (!top.expanded) {
      top.expanded = true;
      onStack.add(top.id);
      for (const imp of imports)
        if (!memo.has(imp.modelId) && !onStack.has(imp.modelId)) stack.push({ id: imp.modelId, expanded: false });
      continue;
    }
    stack.pop();
    onStack.delete(top.id);
    const own = Object.keys(m.inputs).length;
    const size = {
      quantities: own + Object.keys(m.nodes).length,
      inputs: own,
      scenarios: Object.keys(m.scenarios).length,
    };
    for (const imp of imports) {
      const s = memo.get(imp.modelId);
      if (s) {
        size.quantities += s.quantities;
        size.inputs += s.inputs;
      }
    }
    memo.set(top.id, size);
  }
  return memo.get(id) ?? { quantities: 0, inputs: 0, scenarios: 0 };
}

/** Cells of building a model's graph, whatever the samples. */
const fixedCost = (quantities: number): number => quantities * 50 + 1000;

/** Cells of a check of a request (parsing `set.*` and building the model's graph). */
export function checkCost(project: Project, model: string): number {
  return fixedCost(modelSize(project, model).quantities);
}

/** Bytes above which sending a body (even a cached one) is charged to the client. */
export const CHARGED_BODY = 64 * 1024;

/** The cells a body of `bytes` costs to send. */
export const bodyCost = (bytes: number): number => (bytes >= CHARGED_BODY ? bytes : 0);

/** Passes over the model an analysis makes, given the model's size and the request. */
function passes(job: Job, size: ModelSize): number {
  const r = job.request as Record<string, unknown>;
  const chosen = Array.isArray(r.inputs) && r.inputs.length > 0 ? r.inputs.length : size.inputs;
  const points = typeof r.points === 'number' ? r.points : 0;
  switch (job.analysis) {
    case 'run':
    case 'importance':
      return 2;
    case 'summary':
    case 'distribution':
    case 'samples':
      return 1;
    case 'graph':
      return 0;
    case 'worldviews':
      return (Array.isArray(r.scenarios) ? r.scenarios.length : size.scenarios + 1) || 1;
    case 'tornado':
      return 1 + chosen / 16;
    case 'sweep':
      return 2 + (chosen * (points || 19)) / 16;
    case 'grid':
      return 2 + (points || 21) ** 2 / 4;
    case 'sobol':
      return Math.max(50, chosen + 2);
    case 'threshold':
      return 10 + chosen / 4;
    case 'crux':
      return 10;
    case 'voi':
      return 2 * Math.max(1, job.outside.predictions.length);
    case 'implied':
      return 1;
  }
}

/**
 * The estimated cells of a job. Most analyses run the largest of the models they name; the
 * implied credences run each model the predictions are read in once (the overall model, and a
 * linked model it does not import), whatever the number of predictions.
 */
export function jobCost(project: Project, job: Job): number {
  const r = job.request as Record<string, unknown>;
  const samples = typeof r.samples === 'number' ? r.samples : 100_000;
  const models = modelsOf(job.analysis, job.request, job.outside.predictions, project);
  if (job.analysis === 'implied') {
    const quantities = models.reduce((sum, id) => sum + modelSize(project, id).quantities, 0);
    return samples * quantities + fixedCost(quantities);
  }
  let quantities = 1;
  let size: ModelSize = { quantities: 1, inputs: 0, scenarios: 0 };
  for (const id of models) {
    const s = modelSize(project, id);
    if (s.quantities >= quantities) [quantities, size] = [s.quantities, s];
  }
  return Math.ceil(samples * quantities * passes(job, size)) + fixedCost(quantities);
}
