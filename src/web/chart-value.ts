// The data a chart of a model draws, computed (and cached) through the same job as the page's
// panel and the standalone SVG: the one place the sharing routes ask for a chart's numbers.

import { CHART_JOBS } from './chart-jobs.ts';
import type { RunRequest } from '../analysis/request.ts';
import type { Model } from '../model/load.ts';
import type { Result } from '../model/errors.ts';
import type { ChartName } from './charts/index.ts';
import type { Snapshot } from './live-project.ts';
import type { Site } from './site.ts';

export async function chartValue(
  site: Site,
  snapshot: Snapshot,
  model: Model,
  chart: ChartName,
  request: RunRequest,
): Promise<{ key: string; result: Result<unknown>; data: unknown }> {
  const cj = CHART_JOBS[chart];
  if (!cj) throw new RangeError(`no job draws the chart '${chart}'`);
  const extra = site.track?.evidence(snapshot, model.id) ?? [];
  const job = cj.job({ model, request, extra, node: null, inputs: null, from: null, to: null, threshold: null });
  const c = await site.results.get(job, snapshot);
  return { key: c.key, result: c.result, data: c.result.ok ? cj.data(c.result.value) : null };
}
