// `credence sensitivity <model> --method …`: which inputs move the output, as readable tables
// or the JSON the web API returns.

import { analyse, displayOption, requestFor } from './analysis.ts';
import { defaultDisplay, DISPLAY_OPTION, type Display } from './display.ts';
import { projectFor } from './project.ts';
import { mergedRequestOptions } from './request-options.ts';
import { defineCommand } from './spec.ts';
import { MODEL_ENV } from './env.ts';
import { EXIT } from './io.ts';
import {
  ANALYSES,
  methodSchema,
  SENSITIVITY_METHODS,
  type ResultOf,
  type SensitivityMethod,
} from '../analysis/registry/index.ts';
import { firstIssue } from '../analysis/request.ts';
import { renderTornado } from './render/tornado.ts';
import { renderSweep } from './render/sweep.ts';
import { renderGrid } from './render/grid.ts';
import { renderImportance } from './render/importance.ts';
import { renderSobol } from './render/sobol.ts';
import { renderThreshold } from './render/threshold.ts';

export default defineCommand({
  name: 'sensitivity',
  summary: 'which inputs move the output: tornado, sweep, grid, importance, sobol, threshold',
  usage: [`<model-id|path> --method ${SENSITIVITY_METHODS.join('|')} [options]`],
  description: SENSITIVITY_METHODS.map((m) => `  ${m.padEnd(10)} ${ANALYSES[m].about}`),
  positionals: { min: 1, max: 1, what: 'model' },
  options: {
    method: { type: 'string', value: SENSITIVITY_METHODS.join('|'), help: 'The analysis (required).' },
    ...mergedRequestOptions(SENSITIVITY_METHODS),
    display: DISPLAY_OPTION,
  },
  json: "the method's result as the API returns it (/api/models/:id/sensitivity)",
  env: MODEL_ENV,
  examples: [
    'credence sensitivity iterative-chain --method tornado',
    'credence sensitivity iterative-chain --method threshold --threshold 0.1 --display bits',
  ],
  async run(values, [target], io) {
    const m = methodSchema.safeParse({ method: values.method });
    if (!m.success) {
      io.err(firstIssue(m.error));
      return EXIT.usage;
    }
    const method = m.data.method;
    const request = requestFor(method, values, { model: target }, io);
    if (typeof request === 'number') return request;
    const display = displayOption(values.display, io);
    if (typeof display === 'number') return display;
    const found = projectFor(target!, io);
    if (typeof found === 'number') return found;
    const r = await analyse(method, { ...request, model: found.id }, found.project, io);
    if (typeof r === 'number') return r;
    if (values.json) {
      io.out(JSON.stringify(r.value, null, 2));
      return EXIT.ok;
    }
    const title = found.project.models.get(found.id)!.title;
    for (const line of render(r.value, display ?? defaultDisplay(r.value.outputScale), title)) io.out(line);
    return EXIT.ok;
  },
});

export function render(r: ResultOf<SensitivityMethod>, d: Display, title: string): string[] {
  switch (r.analysis) {
    case 'tornado':
      return renderTornado(r, d, title);
    case 'sweep':
      return renderSweep(r, d, title);
    case 'grid':
      return renderGrid(r, d, title);
    case 'importance':
      return renderImportance(r, title);
    case 'sobol':
      return renderSobol(r, title);
    case 'threshold':
      return renderThreshold(r, d, title);
  }
}
