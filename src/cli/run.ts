// `credence run <model> …`: run a model and print its summaries, or the JSON report.

import { parseCommandLine } from './args.ts';
import { analyse, oneModel, requestFor, typedRequest } from './analysis.ts';
import { renderRun } from './render/run.ts';
import { projectFor } from './project.ts';
import { EXIT, type CliIO } from './io.ts';

export const RUN_USAGE =
  'usage: credence run <model-id|path> [--samples N] [--seed S] [--sampler mc|lhs|sobol] [--scenario NAME] [--set name=expr]… [--evidence all|none|NAME,…] [--json]';

export const RUN_OPTIONS = {
  samples: { type: 'string' },
  seed: { type: 'string' },
  sampler: { type: 'string' },
  scenario: { type: 'string' },
  set: { type: 'string', multiple: true },
  evidence: { type: 'string' },
  json: { type: 'boolean' },
} as const;

export default async function run(args: string[], io: CliIO): Promise<number> {
  const parsed = parseCommandLine(args, RUN_OPTIONS, RUN_USAGE, io);
  if (typeof parsed === 'number') return parsed;
  const { values, positionals } = parsed;
  const target = oneModel(positionals, io, RUN_USAGE, 'run');
  if (typeof target === 'number') return target;
  const typed = typedRequest(values);
  if (!typed.ok) {
    io.err(typed.message);
    return EXIT.usage;
  }
  const request = requestFor('run', { ...typed.value, model: target }, io);
  if (typeof request === 'number') return request;
  const found = projectFor(target, io);
  if (typeof found === 'number') return found;
  const r = await analyse('run', { ...request, model: found.id }, found.project, io);
  if (typeof r === 'number') return r;
  if (values.json) io.out(JSON.stringify(r.value, null, 2));
  else for (const line of renderRun(r.value, found.project.models.get(found.id)!.title)) io.out(line);
  return EXIT.ok;
}
