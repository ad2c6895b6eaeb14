// Which analysis of the registry answers each JSON route: the API serves these, and its OpenAPI
// description is generated from the same table.

import type { AnalysisName } from '../../analysis/registry/index.ts';

/** Routes `/api/models/:id/<route>` and the analysis each answers with. */
export const MODEL_ROUTES = {
  run: 'run',
  summary: 'summary',
  distribution: 'distribution',
  'samples.csv': 'samples',
  graph: 'graph',
  worldviews: 'worldviews',
  crux: 'crux',
} as const satisfies Record<string, AnalysisName>;

/** Routes `/api/<route>` over the whole project. */
export const PROJECT_ROUTES = { voi: 'voi', implied: 'implied' } as const satisfies Record<string, AnalysisName>;

/** The most samples samples.csv gives: about 9 MB of text. */
export const CSV_MAX_SAMPLES = 200_000;
