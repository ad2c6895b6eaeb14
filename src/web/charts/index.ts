// The chart registry: every chart by name, the data type each one draws, and its recommended
// size at a given width (so a page can reserve the space before the chart draws: every chart
// also draws sensibly into whatever size it is given).
//
// Where each chart's data comes from (the same functions the API returns):
//   distribution, cdf  NodeDistribution  nodeDistribution(result, node, meta)   src/analysis/distribution.ts
//   worldviews         WorldviewsData    worldviewsData(runs, node, meta)       src/analysis/distribution.ts
//   tornado            TornadoData       tornado(prepared, opts)                src/analysis/tornado.ts
//   sobol              SobolResult       sobol(prepared, opts)                  src/analysis/sobol.ts
//   sweep              SweepData         sweep(prepared, opts)                  src/analysis/sweep.ts
//   heatmap            HeatmapData       grid(prepared, opts)                   src/analysis/grid.ts
//   crux               CruxData          crux(...)                              src/analysis/crux.ts
//   graph              GraphData         graphData(prepared.graph, opts)        src/analysis/graph-data.ts
//   calibration        CalibrationData   calibration(calibrationPoints(board))  src/predictions/calibration.ts
//   importance         ImportanceResult  importance(prepared, opts)             src/analysis/importance.ts
//   threshold          ThresholdData     threshold(prepared, opts)              src/analysis/threshold.ts
//   voi                VoiData           valueOfInformationForProject(...)      src/analysis/value-of-information.ts
//   timeline           TimelineData      impactOf(...)                          src/web/impact.ts
//   credence           CredenceData      credenceHistory(...)                   src/web/credence-history.ts

import type { Chart, ChartSize } from './chart.ts';
import { distribution, distributionHeight } from './distribution.ts';
import { cdf, cdfHeight } from './cdf.ts';
import { worldviews, worldviewsHeight } from './worldviews.ts';
import { tornado, tornadoHeight, type TornadoData } from './tornado.ts';
import { sobol, sobolHeight } from './sobol.ts';
import { sweep, sweepHeight, type SweepData } from './sweep.ts';
import { heatmap, heatmapHeight, type HeatmapData } from './heatmap.ts';
import { crux, cruxHeight, type CruxData } from './crux.ts';
import { graph, graphHeight } from './graph.ts';
import { calibration, calibrationHeight, type CalibrationData } from './calibration.ts';
import { voi, voiHeight, type VoiData } from './voi.ts';
import { importance, importanceHeight } from './importance.ts';
import { threshold, thresholdHeight, type ThresholdData } from './threshold.ts';
import { timeline, timelineHeight, type TimelineData } from './timeline.ts';
import { credence, credenceHeight, type CredenceData } from './credence.ts';
import type { ImportanceResult } from '../../analysis/importance.ts';
import type { NodeDistribution, WorldviewsData } from '../../analysis/distribution.ts';
import type { GraphData } from '../../analysis/graph-data.ts';
import type { SobolResult } from '../../analysis/sobol.ts';

export type { Chart, ChartSize, ChartTable } from './chart.ts';
export type {
  NodeDistribution,
  SeriesDistribution,
  WorldviewsData,
  WorldviewSeries,
} from '../../analysis/distribution.ts';
export type { Bin, CdfPoint } from '../../stats/histogram.ts';
export type { GraphData, GraphNode, GraphEdge, GraphGroup } from '../../analysis/graph-data.ts';
export type { TornadoData, Units } from './tornado.ts';
export type { SobolResult } from './sobol.ts';
export type { SweepData } from './sweep.ts';
export type { HeatmapData } from './heatmap.ts';
export type { CruxData } from './crux.ts';
export type { CalibrationData, CalibrationSeries, CalibrationBin } from './calibration.ts';
export type { VoiData } from './voi.ts';
export type { ImportanceResult } from './importance.ts';
export type { ThresholdData } from './threshold.ts';
export type { TimelineData, TimelinePoint } from './timeline.ts';
export type { CredenceData, ImpliedPoint } from './credence.ts';

export interface ChartData {
  distribution: NodeDistribution;
  cdf: NodeDistribution;
  worldviews: WorldviewsData;
  tornado: TornadoData;
  sobol: SobolResult;
  sweep: SweepData;
  heatmap: HeatmapData;
  crux: CruxData;
  graph: GraphData;
  calibration: CalibrationData;
  voi: VoiData;
  importance: ImportanceResult;
  threshold: ThresholdData;
  timeline: TimelineData;
  credence: CredenceData;
}

export type ChartName = keyof ChartData;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the second half lets a route index CHARTS by a runtime name
export const CHARTS: { [N in ChartName]: Chart<ChartData[N]> } & Record<ChartName, Chart<any>> = {
  distribution,
  cdf,
  worldviews,
  tornado,
  sobol,
  sweep,
  heatmap,
  crux,
  graph,
  calibration,
  voi,
  importance,
  threshold,
  timeline,
  credence,
};

const HEIGHTS: { [N in ChartName]: (data: ChartData[N], width: number) => number } = {
  distribution: distributionHeight,
  cdf: cdfHeight,
  worldviews: worldviewsHeight,
  tornado: tornadoHeight,
  sobol: sobolHeight,
  sweep: sweepHeight,
  heatmap: heatmapHeight,
  crux: cruxHeight,
  graph: graphHeight,
  calibration: calibrationHeight,
  voi: voiHeight,
  importance: importanceHeight,
  threshold: thresholdHeight,
  timeline: timelineHeight,
  credence: credenceHeight,
};

export const CHART_NAMES = Object.keys(CHARTS) as ChartName[];

export function isChartName(name: string): name is ChartName {
  return Object.prototype.hasOwnProperty.call(CHARTS, name);
}

/** Narrowest width a chart is laid out for; narrower containers scale the drawing down. */
export const MIN_WIDTH = 300;

/** The recommended size of a chart drawn `width` px wide (height from its layout and data). */
export function chartSize<N extends ChartName>(name: N, data: ChartData[N], width: number): ChartSize {
  const w = Math.max(MIN_WIDTH, Math.round(width));
  return { width: w, height: Math.round(HEIGHTS[name](data, w)) };
}
