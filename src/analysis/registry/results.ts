// The result of every analysis by name, as one interface of plain types: what tools that read
// types see (the API's JSON Schema, generated from it by scripts/write-api-schema.ts). The check
// below keeps it equal to what the registry's functions return.

import type { RunReport } from '../report.ts';
import type { PageReport } from '../page-report.ts';
import type { NodeDistribution, WorldviewsData } from '../distribution.ts';
import type { GraphData } from '../graph-data.ts';
import type { TornadoResult } from '../tornado.ts';
import type { SweepResult } from '../sweep.ts';
import type { GridResult } from '../grid.ts';
import type { ImportanceResult } from '../importance.ts';
import type { SobolResult } from '../sobol.ts';
import type { ThresholdResult } from '../threshold.ts';
import type { CruxResult } from '../crux.ts';
import type { VoiReport } from '../value-of-information.ts';
import type { ImpliedReport } from '../implied.ts';
import type { AnalysisName, ResultOf } from './index.ts';

export interface AnalysisResults {
  run: RunReport;
  summary: PageReport;
  distribution: NodeDistribution;
  /** CSV text: `sample,<node>[,weight]`, one row per sample. */
  samples: string;
  graph: GraphData;
  worldviews: WorldviewsData;
  tornado: TornadoResult;
  sweep: SweepResult;
  grid: GridResult;
  importance: ImportanceResult;
  sobol: SobolResult;
  threshold: ThresholdResult;
  crux: CruxResult;
  voi: VoiReport;
  implied: ImpliedReport;
}

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
/** Fails to compile when an entry's result and its line above differ. */
export const RESULTS_MATCH: { [N in AnalysisName]: Same<AnalysisResults[N], ResultOf<N>> } = {
  run: true,
  summary: true,
  distribution: true,
  samples: true,
  graph: true,
  worldviews: true,
  tornado: true,
  sweep: true,
  grid: true,
  importance: true,
  sobol: true,
  threshold: true,
  crux: true,
  voi: true,
  implied: true,
};
