// `credence run <model> …`: run a model and print its summaries, or the JSON report.

import { analyse, requestFor } from './analysis.ts';
import { renderRun } from './render/run.ts';
import { projectFor } from './project.ts';
import { requestOptions } from './request-options.ts';
import { defineCommand } from './spec.ts';
import { MODEL_ENV } from './env.ts';
import { EXIT } from './io.ts';
import { EngineThreads, defaultThreads } from '../engine/threads.ts';
import { useExecutors } from '../engine/run.ts';

/** `--threads N`: a whole number from 1 to 256 (default: every core). */
export function parseThreads(text: string | undefined): number | string {
  if (text === undefined) return defaultThreads();
  const t = Number(text);
  return Number.isInteger(t) && t >= 1 && t <= 256
    ? t
    : `--threads must be a whole number from 1 to 256 (got '${text}')`;
}

export default defineCommand({
  name: 'run',
  summary: 'run a model and summarise every quantity',
  usage: ['<model-id|path> [options]'],
  description: [
    'Prints each input and node: mean, sd, 5th/50th/95th percentiles and the Monte Carlo error of',
    'the mean; with evidence, the posterior beside the prior and the effective sample size.',
    'Memory stays that of a few segments of 4,096 samples at any sample count; a run longer than',
    'a second draws a progress bar on stderr when it is a terminal (--quiet: none).',
  ],
  positionals: { min: 1, max: 1, what: 'model' },
  options: {
    ...requestOptions('run'),
    threads: {
      type: 'string',
      value: 'N',
      help: 'Share the samples between N threads (default: every core); the numbers are the same on any count.',
    },
  },
  json: 'the run report as the API returns it (/api/models/:id/run)',
  env: MODEL_ENV,
  examples: ['credence run iterative-chain', 'credence run iterative-chain --set p_step=0.99 --samples 20000 --json'],
  async run(values, [target], io) {
    const threads = parseThreads(values.threads);
    if (typeof threads === 'string') {
      io.err(`${threads}; see 'credence run --help'`);
      return EXIT.usage;
    }
    const request = requestFor('run', values, { model: target }, io);
    if (typeof request === 'number') return request;
    const found = projectFor(target!, io);
    if (typeof found === 'number') return found;
    // The run's segments are shared between this thread and threads − 1 workers.
    const pool = new EngineThreads(threads);
    useExecutors((graph, plan) => pool.executor(graph, plan));
    let r;
    try {
      r = await analyse('run', { ...request, model: found.id }, found.project, io);
    } finally {
      useExecutors(null);
      void pool.close();
    }
    if (typeof r === 'number') return r;
    if (values.json) io.out(JSON.stringify(r.value, null, 2));
    else for (const line of renderRun(r.value, found.project.models.get(found.id)!.title)) io.out(line);
    return EXIT.ok;
  },
});
