// `credence export <model> --to squiggle [--scenario NAME] [--out FILE]`: a model as code for
// another tool. Squiggle code goes to standard output (or FILE); what Squiggle cannot express
// is refused at its place in the model file (exit 1).

import { writeFileSync } from 'node:fs';
import { exportSquiggle } from '../model/interop/squiggle-export.ts';
import { formatError } from '../model/errors.ts';
import { parseCommandLine } from './args.ts';
import { projectFor } from './project.ts';
import { EXIT, type CliIO } from './io.ts';

const USAGE = 'usage: credence export <model> --to squiggle [--scenario NAME] [--out FILE]';
const FORMATS = ['squiggle'];

export default async function exportCommand(args: string[], io: CliIO): Promise<number> {
  const parsed = parseCommandLine(
    args,
    { to: { type: 'string' }, scenario: { type: 'string' }, out: { type: 'string' } },
    USAGE,
    io,
  );
  if (typeof parsed === 'number') return parsed;
  const { values, positionals } = parsed;
  if (positionals.length !== 1) {
    io.err(`export takes one model (got ${positionals.length}); ${USAGE}`);
    return EXIT.usage;
  }
  if (!values.to || !FORMATS.includes(values.to)) {
    io.err(`--to must be one of ${FORMATS.join(', ')}${values.to ? `, not '${values.to}'` : ''}; ${USAGE}`);
    return EXIT.usage;
  }
  const found = projectFor(positionals[0]!, io);
  if (typeof found === 'number') return found;
  const model = found.project.models.get(found.id)!;
  if (values.scenario !== undefined && !(values.scenario in model.scenarios)) {
    io.err(
      `the model '${found.id}' has no scenario '${values.scenario}'; its scenarios: ${Object.keys(model.scenarios).join(', ') || 'none'}`,
    );
    return EXIT.usage;
  }
  const r = exportSquiggle(found.project, found.id, values.scenario ?? null);
  if (!r.ok) {
    for (const e of r.errors) io.err(formatError(e));
    return EXIT.problems;
  }
  if (values.out) writeFileSync(values.out, r.value.code);
  else io.out(r.value.code.trimEnd());
  return EXIT.ok;
}
