// `credence sensitivity <model> --method …`: which inputs move the output, as readable tables
// or the JSON the web API returns.

import { parseCommandLine } from './args.ts';
import { analyse, displayOption, oneModel, requestFor, typedRequest } from './analysis.ts';
import { defaultDisplay, DISPLAYS, type Display } from './display.ts';
import { projectFor } from './project.ts';
import { EXIT, type CliIO } from './io.ts';
import {
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

export const SENSITIVITY_USAGE =
  `usage: credence sensitivity <model-id|path> --method ${SENSITIVITY_METHODS.join('|')} [--inputs a,b] [--threshold x] [--points N] [--bootstrap B]` +
  ` [--samples N] [--seed S] [--sampler mc|lhs|sobol] [--scenario NAME] [--set name=expr]… [--evidence all|none|NAME,…] [--display ${DISPLAYS.join('|')}] [--json]`;

export const SENSITIVITY_OPTIONS = {
  method: { type: 'string' },
  inputs: { type: 'string' },
  threshold: { type: 'string' },
  points: { type: 'string' },
  bootstrap: { type: 'string' },
  samples: { type: 'string' },
  seed: { type: 'string' },
  sampler: { type: 'string' },
  scenario: { type: 'string' },
  set: { type: 'string', multiple: true },
  evidence: { type: 'string' },
  display: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

export default async function sensitivityCommand(args: string[], io: CliIO): Promise<number> {
  const parsed = parseCommandLine(args, SENSITIVITY_OPTIONS, SENSITIVITY_USAGE, io);
  if (typeof parsed === 'number') return parsed;
  const { values, positionals } = parsed;
  if (values.help) {
    io.out(SENSITIVITY_USAGE);
    return EXIT.ok;
  }
  const target = oneModel(positionals, io, SENSITIVITY_USAGE, 'sensitivity');
  if (typeof target === 'number') return target;
  const { method: methodText, ...rest } = values;
  const m = methodSchema.safeParse({ method: methodText });
  if (!m.success) {
    io.err(firstIssue(m.error));
    return EXIT.usage;
  }
  const method = m.data.method;
  const typed = typedRequest(rest);
  if (!typed.ok) {
    io.err(typed.message);
    return EXIT.usage;
  }
  const request = requestFor(method, { ...typed.value, model: target }, io);
  if (typeof request === 'number') return request;
  const display = displayOption(values.display, io);
  if (typeof display === 'number') return display;
  const found = projectFor(target, io);
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
}

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
