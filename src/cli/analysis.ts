// Running an analysis of the registry from the command line: the options as typed become the
// request (`--set name=expr` pairs as overrides), parsed by the analysis's own schema; the
// outside data comes from the catalog and database; errors print one per line with the exit
// code their kind calls for, warnings go to stderr, and `--json` prints the result as the API
// returns it.

import { parseSets, reportErrors } from './args.ts';
import { outsideFor } from './outside.ts';
import { EXIT, type CliIO } from './io.ts';
import {
  parseRequest,
  runAnalysis,
  type AnalysisName,
  type Job,
  type RequestOf,
  type ResultOf,
} from '../analysis/registry/index.ts';
import { CLI_LIMITS } from '../analysis/request.ts';
import { DISPLAYS, isDisplay, type Display } from './display.ts';
import type { Project } from '../model/project.ts';

/** Options every analysis command has that are not part of the request. */
const PRESENTATION = new Set(['display', 'json', 'help']);

/** The request as typed: every option but the presentation ones, `--set` as a record. */
export function typedRequest(
  values: Record<string, string | boolean | string[] | undefined>,
): { ok: true; value: Record<string, unknown> } | { ok: false; message: string } {
  const raw: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(values)) {
    if (PRESENTATION.has(k) || v === undefined) continue;
    if (k === 'set' || k === 'from-set') {
      const sets = parseSets(v as string[], `--${k}`);
      if (!sets.ok) return sets;
      raw[k === 'set' ? 'set' : 'fromSet'] = sets.value;
    } else raw[k] = v;
  }
  return { ok: true, value: raw };
}

/** Parse a typed request for `name`, or print why not and return the usage exit code. */
export function requestFor<N extends AnalysisName>(
  name: N,
  raw: Record<string, unknown>,
  io: CliIO,
): RequestOf<N> | number {
  const r = parseRequest(name, raw, CLI_LIMITS);
  if (r.ok) return r.value;
  io.err(r.message);
  return EXIT.usage;
}

/** Run a parsed request, printing errors and warnings; the result, or the exit code. */
export async function analyse<N extends AnalysisName>(
  name: N,
  request: RequestOf<N>,
  project: Project,
  io: CliIO,
): Promise<{ value: ResultOf<N>; resolved: number } | number> {
  const gathered = await outsideFor(name, request, project, io);
  if (typeof gathered === 'number') return gathered;
  const job = { analysis: name, request, outside: gathered.outside } as Job<N>;
  const r = runAnalysis(project, job);
  if (!r.ok) return reportErrors(r.errors, io);
  const v = r.value;
  if (typeof v === 'object' && v !== null && 'warnings' in v && Array.isArray(v.warnings))
    for (const w of v.warnings) io.err(`warning: ${w}`);
  return { value: r.value, resolved: gathered.resolved };
}

/** The one model a command names, or the usage exit code. */
export function oneModel(positionals: string[], io: CliIO, usage: string, command: string): string | number {
  if (positionals.length === 1) return positionals[0]!;
  io.err(
    positionals.length === 0
      ? `name a model\n${usage}`
      : `${command} takes one model, got ${positionals.length}: ${positionals.join(' ')}`,
  );
  return EXIT.usage;
}

/** The `--display` option checked (undefined: each result's natural display), or the usage exit code. */
export function displayOption(value: string | undefined, io: CliIO): Display | undefined | number {
  if (value === undefined || isDisplay(value)) return value;
  io.err(`--display must be one of ${DISPLAYS.join(', ')} (got '${value}')`);
  return EXIT.usage;
}
