// `credence predictions`: each prediction with its author's credence beside the credence its
// linked model implies (the mean of `p_yes` over the model's samples), so a forecaster sees
// where the model and the author disagree.

import { parseCommandLine } from './args.ts';
import { analyse, requestFor, typedRequest } from './analysis.ts';
import { renderImplied } from './render/implied.ts';
import { loadProject } from '../model/project.ts';
import { EXIT, type CliIO } from './io.ts';

const USAGE = 'usage: credence predictions [--samples N] [--seed S] [--json]';

const OPTIONS = { samples: { type: 'string' }, seed: { type: 'string' }, json: { type: 'boolean' } } as const;

export default async function predictions(args: string[], io: CliIO): Promise<number> {
  const parsed = parseCommandLine(args, OPTIONS, USAGE, io, false);
  if (typeof parsed === 'number') return parsed;
  const { values } = parsed;
  const typed = typedRequest(values);
  if (!typed.ok) {
    io.err(typed.message);
    return EXIT.usage;
  }
  const request = requestFor('implied', typed.value, io);
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
}
