// `credence voi [--model M]`: which open prediction is most worth resolving. Predictions come
// from the catalog (models/predictions.yaml); which are open, and the resolutions applied as
// evidence, come from the database when it exists (without one, every prediction is open).

import { analyse, displayOption, requestFor } from './analysis.ts';
import { DISPLAY_OPTION } from './display.ts';
import { renderVoi } from './render/voi.ts';
import { requestOptions } from './request-options.ts';
import { defineCommand } from './spec.ts';
import { MODEL_ENV } from './env.ts';
import { loadProject } from '../model/project.ts';
import { EXIT } from './io.ts';

export default defineCommand({
  name: 'voi',
  summary: 'value of information: which open prediction is most worth resolving',
  usage: ['[options]'],
  description: [
    "The expected change of each model's output if a prediction resolved, from the catalog",
    '(models/predictions.yaml); resolutions recorded in the database are applied as evidence.',
  ],
  options: { ...requestOptions('voi', []), display: DISPLAY_OPTION },
  json: 'the ranking as the API returns it (/api/voi)',
  env: MODEL_ENV,
  examples: ['credence voi', 'credence voi --model p-scheming --json'],
  async run(values, _positionals, io) {
    const display = displayOption(values.display, io);
    if (typeof display === 'number') return display;
    const request = requestFor('voi', values, {}, io);
    if (typeof request === 'number') return request;
    const project = loadProject(io.modelsDir);
    if (request.model !== undefined && !project.models.has(request.model)) {
      io.err(
        `there is no model '${request.model}' in ${io.modelsDir}; known models: ${[...project.models.keys()].join(', ') || 'none'}`,
      );
      return EXIT.usage;
    }
    const r = await analyse('voi', request, project, io);
    if (typeof r === 'number') return r;
    if (values.json) {
      io.out(JSON.stringify(r.value, null, 2));
      return EXIT.ok;
    }
    for (const line of renderVoi(r.value, display, r.resolved)) io.out(line);
    return EXIT.ok;
  },
});
