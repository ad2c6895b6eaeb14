// The names of the registry's analyses, apart from their entries so that the tables keyed by
// them (sample counts, routes, charts) can be typed without depending on the entries.

export const ANALYSIS_NAMES = [
  'run',
  'summary',
  'distribution',
  'samples',
  'graph',
  'worldviews',
  'tornado',
  'sweep',
  'grid',
  'importance',
  'sobol',
  'threshold',
  'crux',
  'voi',
  'implied',
] as const;

export type AnalysisName = (typeof ANALYSIS_NAMES)[number];
