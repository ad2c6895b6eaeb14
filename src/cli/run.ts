// `credence run <model> …`: run a model and print its summaries, or the JSON report.

import { runReport } from '../analysis/report.ts';
import { runRequestSchema, resolveRequest, firstIssue } from '../analysis/request.ts';
import { parseCommandLine, reportResolveErrors } from './args.ts';
import { projectFor } from './project.ts';
import { num, table } from './format.ts';
import { EXIT, type CliIO } from './io.ts';

export const RUN_USAGE =
  'usage: credence run <model-id|path> [--samples N] [--seed S] [--sampler mc|lhs|sobol] [--scenario NAME] [--set name=expr]… [--evidence all|none|NAME,…] [--json]';

/** Parse `--set name=expr` pairs; the first `=` splits name from expression. */
export function parseSets(
  sets: string[] | undefined,
): { ok: true; value: Record<string, string> } | { ok: false; message: string } {
  const out: Record<string, string> = {};
  for (const s of sets ?? []) {
    const eq = s.indexOf('=');
    if (eq <= 0) return { ok: false, message: `--set '${s}': write it as name=expression, e.g. --set p_step=0.99` };
    out[s.slice(0, eq).trim()] = s.slice(eq + 1).trim();
  }
  return { ok: true, value: out };
}

export const RUN_OPTIONS = {
  samples: { type: 'string' },
  seed: { type: 'string' },
  sampler: { type: 'string' },
  scenario: { type: 'string' },
  set: { type: 'string', multiple: true },
  evidence: { type: 'string' },
  json: { type: 'boolean' },
} as const;

export default function run(args: string[], io: CliIO): number {
  const parsed = parseCommandLine(args, RUN_OPTIONS, RUN_USAGE, io);
  if (typeof parsed === 'number') return parsed;
  const { values, positionals } = parsed;
  if (positionals.length !== 1) {
    io.err(
      positionals.length === 0
        ? `name a model to run; ${RUN_USAGE}`
        : `run takes one model, got ${positionals.length}: ${positionals.join(' ')}`,
    );
    return EXIT.usage;
  }
  const sets = parseSets(values.set);
  if (!sets.ok) {
    io.err(sets.message);
    return EXIT.usage;
  }
  const req = runRequestSchema().safeParse({ ...values, set: sets.value });
  if (!req.success) {
    io.err(firstIssue(req.error));
    return EXIT.usage;
  }
  const found = projectFor(positionals[0]!, io);
  if (typeof found === 'number') return found;
  const resolved = resolveRequest(found.project, found.id, req.data);
  if (!resolved.ok) return reportResolveErrors(resolved.errors, io);
  const result = resolved.value.prepared.run(resolved.value.options);
  const { report, warnings } = runReport(result);
  for (const w of warnings) io.err(`warning: ${w}`);
  if (values.json) {
    io.out(JSON.stringify(report, null, 2));
    return EXIT.ok;
  }
  const model = found.project.models.get(found.id)!;
  io.out(`${model.title} (${model.id})${report.scenario ? `, scenario ${report.scenario}` : ''}`);
  io.out(
    `${report.samples.toLocaleString('en-US')} samples, seed ${report.seed}, ${result.sampler === 'lhs' ? 'Latin hypercube' : 'Monte Carlo'}`,
  );
  io.out('');
  const post = report.posterior;
  const header = [
    'node',
    'mean',
    'sd',
    'p5',
    'p50',
    'p95',
    'mcse',
    ...(post ? ['post mean', 'post p5', 'post p95'] : []),
  ];
  const rows = Object.entries(report.nodes).map(([name, s]) => {
    const p = post?.[name];
    return [
      name === report.output ? `${name} (output)` : name,
      num(s.mean),
      num(s.sd),
      num(s.p5),
      num(s.p50),
      num(s.p95),
      num(s.mcse, 2),
      ...(p ? [num(p.mean), num(p.p5), num(p.p95)] : []),
    ];
  });
  for (const line of table([header, ...rows])) io.out(line);
  if (report.ess !== null) {
    io.out('');
    io.out(
      `evidence applied: ${result.evidence.map((e) => e.name).join(', ')}; effective sample size ${num(report.ess, 5)} of ${report.samples}`,
    );
  }
  return EXIT.ok;
}
