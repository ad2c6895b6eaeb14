// `credence crux <model> [--from A] [--to B] [--set …]`: how much of the difference between two
// views of a model each input accounts for (Shapley values), as a table or JSON.

import { parseCommandLine } from './args.ts';
import { analyse, displayOption, oneModel, requestFor, typedRequest } from './analysis.ts';
import { defaultDisplay, DISPLAYS } from './display.ts';
import { renderCrux } from './render/crux.ts';
import { projectFor } from './project.ts';
import { EXIT, type CliIO } from './io.ts';

export const CRUX_USAGE = `usage: credence crux <model-id|path> [--from SCENARIO|default] [--to SCENARIO|default] [--set name=expr]… [--from-set name=expr]… [--samples N] [--seed S] [--sampler mc|lhs|sobol] [--evidence all|none|NAME,…] [--permutations M] [--display ${DISPLAYS.join('|')}] [--json]
  (--from defaults to the model as written; --to to the --from view when --set is given, else to the model's first scenario)`;

const OPTIONS = {
  from: { type: 'string' },
  to: { type: 'string' },
  set: { type: 'string', multiple: true },
  'from-set': { type: 'string', multiple: true },
  samples: { type: 'string' },
  seed: { type: 'string' },
  sampler: { type: 'string' },
  evidence: { type: 'string' },
  permutations: { type: 'string' },
  display: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

export default async function cruxCommand(args: string[], io: CliIO): Promise<number> {
  const parsed = parseCommandLine(args, OPTIONS, CRUX_USAGE, io);
  if (typeof parsed === 'number') return parsed;
  const { values, positionals } = parsed;
  if (values.help) {
    io.out(CRUX_USAGE);
    return EXIT.ok;
  }
  const target = oneModel(positionals, io, CRUX_USAGE, 'crux');
  if (typeof target === 'number') return target;
  const typed = typedRequest(values);
  if (!typed.ok) {
    io.err(typed.message);
    return EXIT.usage;
  }
  const request = requestFor('crux', { ...typed.value, model: target }, io);
  if (typeof request === 'number') return request;
  const display = displayOption(values.display, io);
  if (typeof display === 'number') return display;
  const found = projectFor(target, io);
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
}
