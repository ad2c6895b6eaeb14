// `credence sensitivity <model> --method …`: which inputs move the output, as readable tables
// or the JSON the web API returns.

import { parseCommandLine, reportResolveErrors } from './args.ts';
import { firstIssue } from '../analysis/request.ts';
import { resolveSensitivityRequest, sensitivityRequestSchema } from '../analysis/analysis-request.ts';
import { sensitivity, SENSITIVITY_METHODS, type SensitivityResult } from '../analysis/sensitivity.ts';
import {
  bar,
  defaultDisplay,
  isDisplay,
  showChange,
  showDifference,
  showError,
  showLevel,
  log2Odds,
  DISPLAYS,
  type Display,
} from './display.ts';
import type { TornadoResult } from '../analysis/tornado.ts';
import type { SweepResult } from '../analysis/sweep.ts';
import type { GridResult } from '../analysis/grid.ts';
import type { ImportanceResult } from '../analysis/importance.ts';
import type { SobolResult } from '../analysis/sobol.ts';
import type { ThresholdResult } from '../analysis/threshold.ts';
import type { AnalysisMeta } from '../analysis/meta.ts';
import { formatError } from '../model/errors.ts';
import { parseSets } from './run.ts';
import { projectFor } from './project.ts';
import { num, table } from './format.ts';
import { EXIT, type CliIO } from './io.ts';

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

/** The display option, or the output's natural one; an error message for a bad value. */
export function chooseDisplay(value: string | undefined, scale: 'probability' | 'number'): Display | string {
  if (value === undefined) return defaultDisplay(scale);
  if (!isDisplay(value)) return `--display must be one of ${DISPLAYS.join(', ')} (got '${value}')`;
  return value;
}

export default function sensitivityCommand(args: string[], io: CliIO): number {
  const parsed = parseCommandLine(args, SENSITIVITY_OPTIONS, SENSITIVITY_USAGE, io);
  if (typeof parsed === 'number') return parsed;
  const { values, positionals } = parsed;
  if (values.help) {
    io.out(SENSITIVITY_USAGE);
    return EXIT.ok;
  }
  if (positionals.length !== 1) {
    io.err(
      positionals.length === 0
        ? `name a model to analyse\n${SENSITIVITY_USAGE}`
        : `sensitivity takes one model, got ${positionals.length}: ${positionals.join(' ')}`,
    );
    return EXIT.usage;
  }
  const sets = parseSets(values.set);
  if (!sets.ok) {
    io.err(sets.message);
    return EXIT.usage;
  }
  const { display: displayOpt, json, help: _h, ...rest } = values;
  const req = sensitivityRequestSchema().safeParse({ ...rest, set: sets.value });
  if (!req.success) {
    io.err(firstIssue(req.error));
    return EXIT.usage;
  }
  if (displayOpt !== undefined && !isDisplay(displayOpt)) {
    io.err(`--display must be one of ${DISPLAYS.join(', ')} (got '${displayOpt}')`);
    return EXIT.usage;
  }
  const found = projectFor(positionals[0]!, io);
  if (typeof found === 'number') return found;
  const resolved = resolveSensitivityRequest(found.project, found.id, req.data);
  if (!resolved.ok) return reportResolveErrors(resolved.errors, io);
  const r = sensitivity(resolved.value.prepared, resolved.value.options);
  if (!r.ok) {
    for (const e of r.errors) io.err(formatError(e));
    return EXIT.usage;
  }
  const result = r.value;
  for (const w of result.warnings) io.err(`warning: ${w}`);
  if (json) {
    io.out(JSON.stringify(result, null, 2));
    return EXIT.ok;
  }
  const display = chooseDisplay(displayOpt, result.outputScale) as Display;
  const title = found.project.models.get(found.id)!.title;
  for (const line of render(result, display, title)) io.out(line);
  return EXIT.ok;
}

/** The header every sensitivity table starts with. */
export function header(title: string, m: AnalysisMeta, what: string): string[] {
  const setText = Object.entries(m.overrides).map(([k, v]) => `${k}=${v}`);
  const lines = [`${title} (${m.model})${m.scenario ? `, scenario ${m.scenario}` : ''}`];
  if (setText.length) lines.push(`overrides: ${setText.join(', ')}`);
  lines.push(`${what} of ${m.output}${m.outputLabel ? ` (${m.outputLabel})` : ''}`);
  lines.push(
    `${m.samples.toLocaleString('en-US')} samples, seed ${m.seed}, ${m.sampler === 'lhs' ? 'Latin hypercube' : 'Monte Carlo'}${m.evidence.length ? `, evidence applied: ${m.evidence.join(', ')}` : ''}`,
  );
  return lines;
}

export function render(r: SensitivityResult, d: Display, title: string): string[] {
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

const pctl = (p: number) => `p${num(p * 100, 3)}`;

function excludedNote(r: { excluded: { input: string; reason: string }[] }): string[] {
  const constant = r.excluded.filter((e) => e.reason === 'constant').map((e) => e.input);
  const unused = r.excluded.filter((e) => e.reason === 'unused').map((e) => e.input);
  const out: string[] = [];
  if (constant.length) out.push(`not varied (fixed values): ${constant.join(', ')}`);
  const list = (xs: string[]) =>
    xs.length > 8 ? `${xs.slice(0, 8).join(', ')} and ${xs.length - 8} more (--json lists them)` : xs.join(', ');
  if (unused.length) out.push(`not analysed (the output does not depend on them): ${list(unused)}`);
  return out.length ? ['', ...out] : [];
}

function renderTornado(r: TornadoResult, d: Display, title: string): string[] {
  const [pl, ph] = r.percentiles;
  const lines = header(title, r, 'tornado');
  lines.push(
    `output mean ${showLevel(r.baseline.mean, d)} ${showError(r.baseline.mcse, r.baseline.mean, d)}; each input pinned at its ${pctl(pl)} and ${pctl(ph)}, the others sampled (common random numbers)`,
    '',
  );
  const swingOf = (row: TornadoResult['rows'][number]) =>
    d === 'bits' ? log2Odds(row.high.mean) - log2Odds(row.low.mean) : row.swing;
  const max = Math.max(0, ...r.rows.map((row) => Math.abs(swingOf(row))).filter((x) => Number.isFinite(x)));
  const rows = r.rows.map((row) => [
    row.input,
    num(row.low.value),
    num(row.high.value),
    showLevel(row.low.mean, d),
    showLevel(row.high.mean, d),
    d === 'bits' ? showChange(row.low.mean, row.high.mean, d) : showDifference(row.swing, d),
    d === 'bits' ? '' : showError(row.swingMcse, 0.5, d),
    bar(swingOf(row), max),
  ]);
  lines.push(
    ...table([
      ['input', pctl(pl), pctl(ph), `mean at ${pctl(pl)}`, `mean at ${pctl(ph)}`, 'swing', 'mcse', ''],
      ...rows,
    ]),
  );
  return [...lines, ...excludedNote(r)];
}

function renderSweep(r: SweepResult, d: Display, title: string): string[] {
  const lines = header(title, r, 'sweep');
  lines.push(
    `output mean ${showLevel(r.baseline.mean, d)}; output mean with each input pinned across its percentiles, the others sampled (common random numbers)`,
    '',
  );
  const P = r.percentiles.length;
  const shown = [
    ...new Set(Array.from({ length: Math.min(7, P) }, (_, i) => Math.round((i * (P - 1)) / (Math.min(7, P) - 1)))),
  ];
  const rows = r.series.map((s) => [
    s.input,
    ...shown.map((i) => showLevel(s.points[i]!.mean, d)),
    d === 'bits' ? '' : showDifference(s.range, d),
  ]);
  lines.push(...table([['input', ...shown.map((i) => pctl(r.percentiles[i]!)), d === 'bits' ? '' : 'range'], ...rows]));
  lines.push(
    '',
    `${P} points per input from ${pctl(r.percentiles[0]!)} to ${pctl(r.percentiles[P - 1]!)}; --json gives every point with its input value and mcse`,
  );
  return [...lines, ...excludedNote(r)];
}

function renderGrid(r: GridResult, d: Display, title: string): string[] {
  const lines = header(title, r, 'grid');
  lines.push(`rows: ${r.y.input} (percentile: value); columns: ${r.x.input}; cells: output mean`, '');
  const cell = (x: number) => (d === 'percent' ? num(x * 100, 3) : d === 'bits' ? num(log2Odds(x), 3) : num(x, 3));
  const head = ['', ...r.x.values.map((v) => num(v, 3))];
  const rows = r.y.values.map((v, j) => [`${pctl(r.y.percentiles[j]!)}: ${num(v, 3)}`, ...r.means[j]!.map(cell)]);
  lines.push(...table([head, ...rows]));
  const unit = d === 'percent' ? 'percent' : d === 'bits' ? 'bits of log-odds' : 'output units';
  const maxErr = Math.max(...r.mcse.flat().filter((x) => Number.isFinite(x)));
  lines.push(
    '',
    `cells in ${unit}; ${r.x.input} from ${pctl(r.x.percentiles[0]!)} to ${pctl(r.x.percentiles[r.x.percentiles.length - 1]!)}; largest cell mcse ${showError(maxErr, 0.5, d === 'bits' ? 'number' : d)}`,
  );
  return lines;
}

function renderImportance(r: ImportanceResult, title: string): string[] {
  const lines = header(title, r, 'importance (Spearman rank correlation)');
  lines.push(
    `from one ordinary run of ${r.rowsUsed.toLocaleString('en-US')} rows; evidence weights are not applied`,
    '',
  );
  const max = Math.max(0, ...r.rows.map((x) => Math.abs(x.spearman)).filter((x) => Number.isFinite(x)));
  const rows = r.rows.map((x) => [
    x.input,
    num(x.spearman, 3),
    `${num(x.ci[0], 3)} to ${num(x.ci[1], 3)}`,
    bar(x.spearman, max),
  ]);
  lines.push(...table([['input', 'spearman', '95% interval', ''], ...rows]));
  return [...lines, ...excludedNote(r)];
}

function renderSobol(r: SobolResult, title: string): string[] {
  const lines = header(title, r, 'Sobol indices');
  lines.push(
    `${r.baseRows.toLocaleString('en-US')} base rows (seeds ${r.seeds.A} and ${r.seeds.B}), ${r.evaluations.toLocaleString('en-US')} evaluations, ${Math.round(r.confidence * 100)}% bootstrap intervals from ${r.bootstrap} resamples; prior distribution, independent inputs`,
    '',
  );
  const ci = (c: [number, number]) => `${num(c[0], 3)} to ${num(c[1], 3)}`;
  const rows = r.rows.map((x) => [
    x.input,
    num(x.first, 3),
    ci(x.firstCI),
    num(x.total, 3),
    ci(x.totalCI),
    bar(x.total, 1),
  ]);
  lines.push(...table([['input', 'first', '95% interval', 'total', '95% interval', ''], ...rows]));
  lines.push(
    '',
    `sum of first-order indices ${num(r.sumFirst, 3)}, of totals ${num(r.sumTotal, 3)}; output mean ${num(r.mean)}, variance ${num(r.variance)}`,
  );
  if (r.latent.length)
    lines.push(
      `randomness not attributed to any input above (depends on other quantities, or inside nodes): ${r.latent.join(', ')}`,
    );
  return [...lines, ...excludedNote(r)];
}

function renderThreshold(r: ThresholdResult, d: Display, title: string): string[] {
  const lines = header(title, r, 'threshold');
  lines.push(
    `threshold ${showLevel(r.threshold, d)}; output mean now ${showLevel(r.baseline.mean, d)} ${showError(r.baseline.mcse, r.baseline.mean, d)}; each input pinned, the others sampled`,
    '',
  );
  const rows = r.rows.map((x) => {
    if (x.crossings.length === 0)
      return [
        x.input,
        'none in p1–p99',
        '',
        '',
        `mean stays ${showLevel(x.meanSpan[0], d)} to ${showLevel(x.meanSpan[1], d)}`,
      ];
    return [
      x.input,
      x.crossings.map((c) => num(c.value)).join(', '),
      x.crossings.map((c) => pctl(c.percentile)).join(', '),
      x.crossings.map((c) => c.direction).join(', '),
      x.crossings.map((c) => `±${num(c.mcse, 2)}`).join(', '),
    ];
  });
  lines.push(...table([['input', 'crosses at', 'percentile', 'direction', 'mcse'], ...rows]));
  return [...lines, ...excludedNote(r)];
}
