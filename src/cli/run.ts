// `credence run <model> …`: run a model and print its summaries, or the JSON report.

import { analyse, requestFor } from './analysis.ts';
import { renderRun } from './render/run.ts';
import { projectFor } from './project.ts';
import { requestOptions } from './request-options.ts';
import { defineCommand } from './spec.ts';
import { MODEL_ENV } from './env.ts';
import { EXIT } from './io.ts';

export default defineCommand({
  name: 'run',
  summary: 'run a model and summarise every quantity',
  usage: ['<model-id|path> [options]'],
  description: [
    'Prints each input and node: mean, sd, 5th/50th/95th percentiles and the Monte Carlo error of',
    'the mean; with evidence, the posterior beside the prior and the effective sample size.',
  ],
  positionals: { min: 1, max: 1, what: 'model' },
  options: requestOptions('run'),
  json: 'the run report as the API returns it (/api/models/:id/run)',
  env: MODEL_ENV,
  examples: ['credence run iterative-chain', 'credence run iterative-chain --set p_step=0.99 --samples 20000 --json'],
  async run(values, [target], io) {
    const request = requestFor('run', values, { model: target }, io);
    if (typeof request === 'number') return request;
    const found = projectFor(target!, io);
    if (typeof found === 'number') return found;
    const r = await analyse('run', { ...request, model: found.id }, found.project, io);
    if (typeof r === 'number') return r;
    if (values.json) io.out(JSON.stringify(r.value, null, 2));
    else for (const line of renderRun(r.value, found.project.models.get(found.id)!.title)) io.out(line);
    return EXIT.ok;
  },
});
