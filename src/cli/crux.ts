// `credence crux <model> [--from A] [--to B] [--set …]`: how much of the difference between two
// views of a model each input accounts for (Shapley values), as a table or JSON.

import { analyse, displayOption, requestFor } from './analysis.ts';
import { defaultDisplay, DISPLAY_OPTION } from './display.ts';
import { renderCrux } from './render/crux.ts';
import { projectFor } from './project.ts';
import { requestOptions } from './request-options.ts';
import { defineCommand } from './spec.ts';
import { MODEL_ENV } from './env.ts';
import { EXIT } from './io.ts';

export default defineCommand({
  name: 'crux',
  summary: 'attribute the difference between two views of a model to its inputs (Shapley values)',
  usage: ['<model-id|path> [--from SCENARIO|default] [--to SCENARIO|default] [options]'],
  description: [
    '--from defaults to the model as written; --to to the --from view when --set is given, else to',
    "the model's first scenario. --set changes the --to view, --from-set the --from view.",
  ],
  positionals: { min: 1, max: 1, what: 'model' },
  options: { ...requestOptions('crux'), display: DISPLAY_OPTION },
  json: 'the attribution as the API returns it (/api/models/:id/crux)',
  env: MODEL_ENV,
  examples: ['credence crux iterative-chain --to critic', 'credence crux iterative-chain --set p_step=0.99'],
  async run(values, [target], io) {
    const request = requestFor('crux', values, { model: target }, io);
    if (typeof request === 'number') return request;
    const display = displayOption(values.display, io);
    if (typeof display === 'number') return display;
    const found = projectFor(target!, io);
    if (typeof found === 'number') return found;
    const r = await analyse('crux', { ...request, model: found.id }, found.project, io);
    if (typeof r === 'number') return r;
    if (values.json) {
      io.out(JSON.stringify(r.value, null, 2));
      return EXIT.ok;
    }
    const title = found.project.models.get(found.id)!.title;
    for (const line of renderCrux(r.value, display ?? defaultDisplay(r.value.outputScale), title)) io.out(line);
    return EXIT.ok;
  },
});
