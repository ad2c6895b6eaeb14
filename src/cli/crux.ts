// `credence crux <model> --from A --to B [--set …]`: how much of the difference between two
// views of a model each input accounts for (Shapley values), as a table or JSON.

import { parseCommandLine, reportResolveErrors } from './args.ts';
import { firstIssue } from '../analysis/request.ts';
import { cruxRequestSchema, resolveCruxRequest } from '../analysis/analysis-request.ts';
import { crux, type CruxResult } from '../analysis/crux.ts';
import { bar, isDisplay, log2Odds, showDifference, showError, showLevel, DISPLAYS, type Display } from './display.ts';
import { formatError } from '../model/errors.ts';
import { parseSets } from './run.ts';
import { projectFor } from './project.ts';
import { chooseDisplay } from './sensitivity.ts';
import { num, table } from './format.ts';
import { EXIT, type CliIO } from './io.ts';

export const CRUX_USAGE = `usage: credence crux <model-id|path> --from SCENARIO|default [--to SCENARIO|default] [--set name=expr]… [--samples N] [--seed S] [--sampler mc|lhs|sobol] [--evidence all|none|NAME,…] [--permutations M] [--display ${DISPLAYS.join('|')}] [--json]`;

const OPTIONS = {
  from: { type: 'string' },
  to: { type: 'string' },
  set: { type: 'string', multiple: true },
  samples: { type: 'string' },
  seed: { type: 'string' },
  sampler: { type: 'string' },
  evidence: { type: 'string' },
  permutations: { type: 'string' },
  display: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

export default function cruxCommand(args: string[], io: CliIO): number {
  const parsed = parseCommandLine(args, OPTIONS, CRUX_USAGE, io);
  if (typeof parsed === 'number') return parsed;
  const { values, positionals } = parsed;
  if (values.help) {
    io.out(CRUX_USAGE);
    return EXIT.ok;
  }
  if (positionals.length !== 1) {
    io.err(
      positionals.length === 0
        ? `name a model\n${CRUX_USAGE}`
        : `crux takes one model, got ${positionals.length}: ${positionals.join(' ')}`,
    );
    return EXIT.usage;
  }
  if (values.from === undefined) {
    io.err(`say which view to start from: --from SCENARIO (or --from default for the model as written)\n${CRUX_USAGE}`);
    return EXIT.usage;
  }
  if (values.to === undefined && (values.set ?? []).length === 0) {
    io.err(
      `say which view to compare with: --to SCENARIO|default, or --set name=expr… on top of --from\n${CRUX_USAGE}`,
    );
    return EXIT.usage;
  }
  const sets = parseSets(values.set);
  if (!sets.ok) {
    io.err(sets.message);
    return EXIT.usage;
  }
  const { display: displayOpt, json, help: _h, ...rest } = values;
  if (displayOpt !== undefined && !isDisplay(displayOpt)) {
    io.err(`--display must be one of ${DISPLAYS.join(', ')} (got '${displayOpt}')`);
    return EXIT.usage;
  }
  const req = cruxRequestSchema().safeParse({ ...rest, set: sets.value });
  if (!req.success) {
    io.err(firstIssue(req.error));
    return EXIT.usage;
  }
  const found = projectFor(positionals[0]!, io);
  if (typeof found === 'number') return found;
  const sides = resolveCruxRequest(found.project, found.id, req.data);
  if (!sides.ok) return reportResolveErrors(sides.errors, io);
  const r = crux(found.project, found.id, sides.value.from, sides.value.to, sides.value.options);
  if (!r.ok) {
    for (const e of r.errors) io.err(formatError(e));
    return EXIT.problems;
  }
  for (const w of r.value.warnings) io.err(`warning: ${w}`);
  if (json) {
    io.out(JSON.stringify(r.value, null, 2));
    return EXIT.ok;
  }
  const display = chooseDisplay(displayOpt, r.value.outputScale) as Display;
  for (const line of renderCrux(r.value, display, found.project.models.get(found.id)!.title)) io.out(line);
  return EXIT.ok;
}

function viewName(v: CruxResult['from']): string {
  return v.scenario ?? 'default';
}

export function renderCrux(r: CruxResult, d: Display, title: string): string[] {
  const lines = [`${title} (${r.model}): crux of ${r.output}${r.outputLabel ? ` (${r.outputLabel})` : ''}`];
  const from = viewName(r.from);
  const to = viewName(r.to);
  const bits = d === 'bits';
  // In bits the parts are scaled to sum to the change in log-odds (they are additive in the mean).
  const total = bits ? log2Odds(r.to.mean) - log2Odds(r.from.mean) : r.difference;
  const scale = bits && r.difference !== 0 ? total / r.difference : 1;
  lines.push(
    `from ${from}: ${showLevel(r.from.mean, d)} ${showError(r.from.mcse, r.from.mean, d)}`,
    `to ${to}${Object.keys(r.to.overrides).length && r.to.scenario === r.from.scenario ? ' with --set' : ''}: ${showLevel(r.to.mean, d)} ${showError(r.to.mcse, r.to.mean, d)}`,
    `difference ${showDifference(total, d)}${bits ? '' : ` ${showError(r.differenceMcse, 0.5, d)}`}`,
    `${r.samples.toLocaleString('en-US')} samples, seed ${r.seed}, common random numbers in every coalition${r.evidence.length ? `; evidence applied: ${r.evidence.join(', ')}` : ''}`,
    `Shapley values over ${r.parts.length} input${r.parts.length === 1 ? '' : 's'}: ${r.method === 'exact' ? `exact, ${r.coalitions} coalitions` : `${r.permutations} sampled permutations, ${r.coalitions} coalitions`}${bits ? '; parts scaled to sum in bits' : ''}`,
    '',
  );
  if (r.parts.length === 0) {
    lines.push(
      r.noEffect.length
        ? `the views differ only in inputs the output does not depend on: ${r.noEffect.join(', ')}`
        : 'the two views configure every input the same way: there is nothing to attribute',
    );
    return lines;
  }
  const max = Math.max(...r.parts.map((p) => Math.abs(p.shapley)));
  const rows = r.parts.map((p) => [
    p.input,
    p.from,
    p.to,
    showDifference(p.shapley * scale, d),
    bits ? '' : showError(p.mcse, 0.5, d),
    Number.isFinite(p.share) ? `${num(p.share * 100, 3)}%` : '',
    bar(p.shapley, max),
  ]);
  lines.push(...table([['input', `in ${from}`, `in ${to}`, 'part', 'mcse', 'share', ''], ...rows]));
  const sum = r.parts.reduce((s, p) => s + p.shapley, 0);
  lines.push('', `the parts sum to ${showDifference(sum * scale, d)}, the difference`);
  if (r.unchanged.length) lines.push(`set the same way in both views: ${r.unchanged.join(', ')}`);
  if (r.noEffect.length) lines.push(`set differently but cannot change the output (part 0): ${r.noEffect.join(', ')}`);
  return lines;
}
