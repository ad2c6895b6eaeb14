// `credence predictions`: each prediction with its author's credence beside the credence its
// linked model implies (the mean of `p_yes` over the model's samples), so a forecaster sees
// where the model and the author disagree.

import { analyse, requestFor } from './analysis.ts';
import { renderImplied } from './render/implied.ts';
import { requestOptions } from './request-options.ts';
import { defineCommand } from './spec.ts';
import { MODEL_ENV } from './env.ts';
import { loadProject } from '../model/project.ts';
import { EXIT } from './io.ts';

export default defineCommand({
  name: 'predictions',
  summary: "each prediction's credence beside the one its model implies",
  usage: ['[options]'],
  options: requestOptions('implied', []),
  json: 'the table as the API returns it (/api/implied)',
  env: MODEL_ENV,
  problems:
    "a linked model cannot compute its prediction's P(yes) (printed per prediction), or the catalog has problems",
  examples: ['credence predictions', 'credence predictions --samples 20000 --json'],
  async run(values, _positionals, io) {
    const request = requestFor('implied', values, {}, io);
    if (typeof request === 'number') return request;
    const r = await analyse('implied', request, loadProject(io.modelsDir), io);
    if (typeof r === 'number') return r;
    const { samples, seed, predictions: rows } = r.value;
    if (values.json) io.out(JSON.stringify(r.value, null, 2));
    else {
      for (const l of renderImplied(rows, samples, seed)) io.out(l);
      for (const row of rows) if (row.error) io.err(`${row.id}: ${row.error}`);
    }
    return rows.some((row) => row.error) ? EXIT.problems : EXIT.ok;
  },
});
