// `credence voi [--model M]`: which open prediction is most worth resolving. Predictions come
// from the catalog (models/predictions.yaml); which are open, and the resolutions applied as
// evidence, come from the database when it exists (without one, every prediction is open).

import { parseCommandLine } from './args.ts';
import { analyse, displayOption, requestFor, typedRequest } from './analysis.ts';
import { DISPLAYS } from './display.ts';
import { renderVoi } from './render/voi.ts';
import { loadProject } from '../model/project.ts';
import { EXIT, type CliIO } from './io.ts';

export const VOI_USAGE = `usage: credence voi [--model M] [--samples N] [--seed S] [--sampler mc|lhs|sobol] [--display ${DISPLAYS.join('|')}] [--json]`;

const OPTIONS = {
  model: { type: 'string' },
  samples: { type: 'string' },
  seed: { type: 'string' },
  sampler: { type: 'string' },
  display: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

export default async function voiCommand(args: string[], io: CliIO): Promise<number> {
  const parsed = parseCommandLine(args, OPTIONS, VOI_USAGE, io, false);
  if (typeof parsed === 'number') return parsed;
  const { values } = parsed;
  if (values.help) {
    io.out(VOI_USAGE);
    return EXIT.ok;
  }
  const display = displayOption(values.display, io);
  if (typeof display === 'number') return display;
  const typed = typedRequest(values);
  if (!typed.ok) {
    io.err(typed.message);
    return EXIT.usage;
  }
  const request = requestFor('voi', typed.value, io);
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
}
