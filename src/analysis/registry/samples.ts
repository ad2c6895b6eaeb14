// The one table of sample counts: how many samples each analysis runs when a request does not
// say, and how many a model page asks for (a page shows every analysis at once, so its panels ask
// for fewer; the panel's links carry the count, so a download reproduces what the panel drew).
// Sobol counts base rows (the model runs N(k + 2) rows); a crux without a count takes
// `cruxSamples(coalitions)`, 100,000 per coalition up to 32 coalitions and fewer beyond.

import type { AnalysisName } from './names.ts';

export interface SampleCounts {
  /** When a request (CLI, API, chart) does not say; null: chosen by the analysis itself. */
  default: number | null;
  /** What a model page's panel asks for, unless the page's own samples are fewer. */
  page: number;
}

export const SAMPLES: Record<AnalysisName, SampleCounts> = {
  run: { default: 100_000, page: 100_000 },
  summary: { default: 100_000, page: 100_000 },
  distribution: { default: 100_000, page: 100_000 },
  samples: { default: 100_000, page: 100_000 },
  graph: { default: 100_000, page: 100_000 },
  worldviews: { default: 100_000, page: 100_000 },
  tornado: { default: 100_000, page: 20_000 },
  sweep: { default: 20_000, page: 10_000 },
  grid: { default: 10_000, page: 2_000 },
  importance: { default: 100_000, page: 100_000 },
  sobol: { default: 8_192, page: 2_048 },
  threshold: { default: 20_000, page: 10_000 },
  crux: { default: null, page: 20_000 },
  voi: { default: 100_000, page: 100_000 },
  implied: { default: 100_000, page: 100_000 },
};
