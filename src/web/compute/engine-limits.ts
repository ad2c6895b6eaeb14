// The heap limit of the engine threads a compute worker starts for a job on several threads: the
// compute worker's own. A nested thread holds one segment's registers, the plans it was sent and
// its share of the values collected for exact quantiles; with this it is stopped at the same bound
// as the worker that started it instead of growing without one.

import type { ResourceLimits } from 'node:worker_threads';

/** Limits for the engine threads of a worker running under `own` (none outside a limited worker). */
export function engineThreadLimits(own: ResourceLimits): ResourceLimits | undefined {
  return own.maxOldGenerationSizeMb ? { maxOldGenerationSizeMb: own.maxOldGenerationSizeMb } : undefined;
}
