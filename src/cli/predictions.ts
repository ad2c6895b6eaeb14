// `credence predictions`: each prediction with its author's credence beside the credence the
// overall model implies (the mean of `p_yes` over its samples, read at the copy of the linked
// model inside it: analysis/implied.ts), so a forecaster sees
// where the model and the author disagree. `--json` and `--csv` write the whole track record
// instead (predictions, resolutions with their history, forecasts, scores, and the implied
// credences), as the API's /api/track-record and /api/track-record.csv give it.

import { analyse, requestFor } from './analysis.ts';
import { renderImplied } from './render/implied.ts';
import { requestOptions } from './request-options.ts';
import { readRecords } from './track-record.ts';
import { defineCommand, usageError, type CommandSpec } from './spec.ts';
import { MODEL_ENV } from './env.ts';
import { loadProject } from '../model/project.ts';
import { trackRecordExport, trackRecordExportCsv } from '../predictions/export.ts';
import { EXIT } from './io.ts';

const command = defineCommand({
  name: 'predictions',
  summary: "each prediction's credence beside the one its model implies",
  usage: ['[options]'],
  options: {
    ...requestOptions('implied', []),
    csv: {
      type: 'boolean',
      help: 'Print the whole track record as CSV: one row per prediction, resolution, forecast and score (/api/track-record.csv).',
    },
  },
  json: 'the whole track record: each prediction with its resolutions, forecasts, model-implied credence and forecasters’ median, and the scores (/api/track-record)',
  env: MODEL_ENV,
  problems:
    "a linked model cannot compute its prediction's P(yes) (printed per prediction), or the catalog has problems",
  examples: ['credence predictions', 'credence predictions --json', 'credence predictions --csv > track-record.csv'],
  async run(values, _positionals, io) {
    if (values.json && values.csv) return usageError(spec, io, '--json and --csv cannot go together');
    const request = requestFor('implied', values, {}, io);
    if (typeof request === 'number') return request;
    const project = loadProject(io.modelsDir);
    const r = await analyse('implied', request, project, io);
    if (typeof r === 'number') return r;
    const { samples, seed, model, predictions: rows } = r.value;
    if (values.json || values.csv) {
      const records = await readRecords(project, io);
      if (typeof records === 'number') return records;
      const x = trackRecordExport(records, undefined, r.value);
      io.out(values.json ? JSON.stringify(x, null, 2) : trackRecordExportCsv(x).trimEnd());
    } else for (const l of renderImplied(rows, samples, seed, model)) io.out(l);
    for (const row of rows) if (row.error) io.err(`${row.id}: ${row.error}`);
    return rows.some((row) => row.error) ? EXIT.problems : EXIT.ok;
  },
});

const spec: CommandSpec = command.spec;
export default command;
