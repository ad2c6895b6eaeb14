// The API's paths for the OpenAPI description: each route of the analysis registry with the
// parameters of its request schema and the schema of its result, the track record, and the
// standalone charts. The routes that describe models and predictions and the writes are in
// ./record-paths.ts.

import { ANALYSES, SENSITIVITY_METHODS, type AnalysisName } from '../../analysis/registry/index.ts';
import { CHART_SOURCES } from '../charts/sources.ts';
import { CSV_MAX_SAMPLES, MODEL_ROUTES, PROJECT_ROUTES } from '../routes/analysis-routes.ts';
import { analysisParameters, MODEL_PARAMETER, type Parameter } from './parameters.ts';
import { COMPUTE_ERRORS, PUBLIC, json, ref } from './responses.ts';
import { describingGet } from './record-paths.ts';

/** The schema each analysis's result has, by the name the generated schema gives its type. */
const RESULT_TYPES: Record<Exclude<AnalysisName, 'samples'>, string> = {
  run: 'RunReport',
  summary: 'PageReport',
  distribution: 'NodeDistribution',
  graph: 'GraphData',
  worldviews: 'WorldviewsData',
  tornado: 'TornadoResult',
  sweep: 'SweepResult',
  grid: 'GridResult',
  importance: 'ImportanceResult',
  sobol: 'SobolResult',
  threshold: 'ThresholdResult',
  crux: 'CruxResult',
  voi: 'VoiReport',
  implied: 'ImpliedReport',
};

const CLI: Partial<Record<AnalysisName, string>> = {
  run: 'credence run',
  crux: 'credence crux',
  voi: 'credence voi',
  implied: 'credence predictions',
};

const summaryOf = (name: AnalysisName) => {
  const about = ANALYSES[name].about;
  const cli = CLI[name];
  return `${about.charAt(0).toUpperCase()}${about.slice(1)}${cli ? ` (as \`${cli} --json\`)` : ''}`;
};

function analysisPath(name: AnalysisName, operationId: string, parameters: Parameter[]) {
  const ok =
    name === 'samples'
      ? { description: 'CSV: sample,<node>[,weight]', content: { 'text/csv': { schema: { type: 'string' } } } }
      : json(ref(RESULT_TYPES[name]), 'The result');
  return {
    get: {
      operationId,
      summary: summaryOf(name),
      tags: ['analyses'],
      security: PUBLIC,
      parameters,
      responses: { '200': ok, ...COMPUTE_ERRORS },
    },
  };
}

/** The sensitivity route: one method's parameters are named by its own schema. */
function sensitivityPath() {
  const params = new Map<string, Parameter>();
  for (const m of SENSITIVITY_METHODS)
    for (const p of analysisParameters(m, true)) if (!params.has(p.name)) params.set(p.name, p);
  const threshold = params.get('threshold');
  if (threshold)
    params.set('threshold', {
      ...threshold,
      required: false,
      description: `${threshold.description} Required by the threshold method.`,
    });
  const method: Parameter = {
    name: 'method',
    in: 'query',
    required: false,
    description:
      'Which sensitivity analysis (as `credence sensitivity --method … --json`); each takes the parameters its own CLI method takes.',
    schema: { type: 'string', enum: [...SENSITIVITY_METHODS], default: 'tornado' },
  };
  return {
    get: {
      operationId: 'sensitivity',
      summary:
        'A sensitivity analysis of the output: tornado, sweep, grid, importance, Sobol indices or threshold crossings',
      tags: ['analyses'],
      security: PUBLIC,
      parameters: [MODEL_PARAMETER, method, ...[...params.values()].filter((p) => p.name !== 'id')],
      responses: {
        '200': json({ oneOf: SENSITIVITY_METHODS.map((m) => ref(RESULT_TYPES[m])) }, 'The analysis, by `analysis`'),
        ...COMPUTE_ERRORS,
      },
    },
  };
}

/** samples.csv writes one row per sample, so it gives fewer than the analyses compute. */
function csvCapped(p: Parameter): Parameter {
  if (p.name !== 'samples') return p;
  const max = typeof p.schema.maximum === 'number' ? Math.min(p.schema.maximum, CSV_MAX_SAMPLES) : CSV_MAX_SAMPLES;
  return { ...p, schema: { ...p.schema, maximum: max } };
}

export function analysisPaths(): Record<string, unknown> {
  const paths: Record<string, unknown> = {};
  for (const [route, name] of Object.entries(MODEL_ROUTES)) {
    let parameters = analysisParameters(name, true);
    if (name === 'samples') parameters = parameters.map(csvCapped);
    paths[`/api/models/{id}/${route}`] = analysisPath(name, route.replace('.csv', 'Csv'), parameters);
  }
  paths['/api/models/{id}/sensitivity'] = sensitivityPath();
  for (const [route, name] of Object.entries(PROJECT_ROUTES))
    paths[`/api/${route}`] = analysisPath(name, route, analysisParameters(name, false));
  Object.assign(paths, trackRecordPaths());
  return paths;
}

/** The whole track record, with the implied analysis's parameters for its model-implied credences. */
function trackRecordPaths(): Record<string, unknown> {
  const asof: Parameter = {
    name: 'asof',
    in: 'query',
    required: false,
    description: 'The record as it was after this many resolution events (default: all of them).',
    schema: { type: 'integer', minimum: 0 },
  };
  const parameters = [...analysisParameters('implied', false), asof];
  const path = (operationId: string, summary: string, ok: unknown) =>
    describingGet(operationId, summary, parameters, { '200': ok, ...COMPUTE_ERRORS });
  return {
    '/api/track-record': path(
      'trackRecord',
      "The whole track record: each prediction with its resolutions and forecasts, the model-implied credence and the forecasters' median, and the scores (as `credence predictions --json`)",
      json(ref('TrackRecordExport'), 'The track record'),
    ),
    '/api/track-record.csv': path(
      'trackRecordCsv',
      'The track record as CSV, one row per prediction, resolution, forecast and score, its kind in the first column (as `credence predictions --csv`)',
      { description: 'CSV', content: { 'text/csv': { schema: { type: 'string' } } } },
    ),
  };
}

export function chartPaths(): Record<string, unknown> {
  const charts = Object.keys(CHART_SOURCES);
  const chart: Parameter = {
    name: 'chart',
    in: 'path',
    required: true,
    description: 'The chart.',
    schema: { type: 'string', enum: charts },
  };
  const size = (name: string, lo: number) => ({
    name,
    in: 'query' as const,
    required: false,
    description: `In pixels, ${lo} to 2000 (default: the chart's own at 720 px wide).`,
    schema: { type: 'integer', minimum: lo, maximum: 2000 },
  });
  return {
    '/charts/{id}/{chart}.svg': {
      get: {
        operationId: 'chartSvg',
        summary:
          "A chart as a standalone SVG, drawn by the page's code from the same analysis as the API; it takes that analysis's parameters",
        tags: ['charts'],
        security: PUBLIC,
        parameters: [MODEL_PARAMETER, chart, size('width', 320), size('height', 200)],
        responses: {
          '200': { description: 'SVG', content: { 'image/svg+xml': { schema: { type: 'string' } } } },
          ...COMPUTE_ERRORS,
        },
      },
    },
  };
}
