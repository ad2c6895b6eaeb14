// `credence predictions`: each prediction with its author's credence beside the credence its
// linked model implies (the mean of `p_yes` over the model's samples), so a forecaster sees
// where the model and the author disagree.

import { parseArgs } from 'node:util';
import { loadProject } from '../model/project.ts';
import { formatError } from '../model/errors.ts';
import { loadCatalog } from '../predictions/catalog.ts';
import { impliedCredences } from '../analysis/implied.ts';
import { runRequestSchema, firstIssue } from '../analysis/request.ts';
import { num, pct, table } from './format.ts';
import { EXIT, type CliIO } from './io.ts';

const USAGE = 'usage: credence predictions [--samples N] [--seed S] [--json]';

export default function predictions(args: string[], io: CliIO): number {
  let values;
  try {
    ({ values } = parseArgs({
      args,
      options: { samples: { type: 'string' }, seed: { type: 'string' }, json: { type: 'boolean' } },
      strict: true,
    }));
  } catch (e) {
    io.err(`${(e as Error).message}\n${USAGE}`);
    return EXIT.usage;
  }
  const req = runRequestSchema().safeParse(values);
  if (!req.success) {
    io.err(firstIssue(req.error));
    return EXIT.usage;
  }
  const project = loadProject(io.modelsDir);
  const catalog = loadCatalog(project);
  if (!catalog.ok) {
    for (const e of catalog.errors) io.err(formatError(e));
    return EXIT.problems;
  }
  const rows = impliedCredences(project, catalog.value.predictions, { samples: req.data.samples, seed: req.data.seed });
  if (values.json) {
    io.out(JSON.stringify({ samples: req.data.samples, seed: req.data.seed, predictions: rows }, null, 2));
    return rows.some((r) => r.error) ? EXIT.problems : EXIT.ok;
  }
  const lines = table([
    ['id', 'statement', 'author', 'model', 'implied', 'gap'],
    ...rows.map((r) => [
      r.id,
      r.statement.length > 60 ? `${r.statement.slice(0, 57)}…` : r.statement,
      pct(r.credence),
      r.model,
      r.implied === null ? 'error' : pct(r.implied),
      r.implied === null ? '' : `${r.implied > r.credence ? '+' : ''}${num((r.implied - r.credence) * 100, 2)} pts`,
    ]),
  ]);
  for (const l of lines) io.out(l);
  for (const r of rows) if (r.error) io.err(`${r.id}: ${r.error}`);
  io.out('');
  io.out(
    `implied = mean of p_yes over ${req.data.samples.toLocaleString('en-US')} samples of the linked model (seed ${req.data.seed}, default scenario and evidence)`,
  );
  return rows.some((r) => r.error) ? EXIT.problems : EXIT.ok;
}
