// Which analysis of the registry each chart draws: its result is the chart's data, so a chart's
// standalone SVG, its panel on a page and the API's JSON come from the same function. The type
// checks that every pairing gives the chart the data it draws.

import type { ChartData, ChartName } from './index.ts';
import type { AnalysisName, ResultOf } from '../../analysis/registry/index.ts';

type SourceOf<C extends ChartName> = {
  [N in AnalysisName]: ResultOf<N> extends ChartData[C] ? N : never;
}[AnalysisName];

/** Charts drawn from one analysis (the calibration chart is drawn from the scoreboard). */
export const CHART_SOURCES = {
  distribution: 'distribution',
  cdf: 'distribution',
  worldviews: 'worldviews',
  tornado: 'tornado',
  sobol: 'sobol',
  sweep: 'sweep',
  heatmap: 'grid',
  crux: 'crux',
  graph: 'graph',
  voi: 'voi',
  importance: 'importance',
  threshold: 'threshold',
} as const satisfies { [C in ChartName]?: SourceOf<C> };

export type SourcedChart = keyof typeof CHART_SOURCES;

export function isChartSource(name: string): name is SourcedChart {
  return Object.prototype.hasOwnProperty.call(CHART_SOURCES, name);
}
