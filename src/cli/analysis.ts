// Running an analysis of the registry from the command line: the options as typed become the
// request (`--set name=expr` pairs as overrides), parsed by the analysis's own schema; the
// outside data comes from the catalog and database; errors print one per line with the exit
// code their kind calls for, warnings go to stderr, and `--json` prints the result as the API
// returns it.

import { parseSets, reportErrors } from './args.ts';
import { camel } from './request-options.ts';
import { outsideFor } from './outside.ts';
import { EXIT, type CliIO } from './io.ts';
import { EngineThreadStopped } from '../engine/threads.ts';
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

/** Options of analysis commands that are not part of the request. */
const PRESENTATION = new Set(['display', 'json', 'csv', 'help', 'method', 'threads']);

/** The request as typed: every option but the presentation ones, `--set` pairs as a record. */
export function typedRequest(
  values: Record<string, unknown>,
): { ok: true; value: Record<string, unknown> } | { ok: false; message: string } {
  const raw: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(values)) {
    if (PRESENTATION.has(k) || v === undefined) continue;
    if (k === 'set' || k === 'from-set') {
      const sets = parseSets(v as string[], `--${k}`);
      if (!sets.ok) return sets;
      raw[camel(k)] = sets.value;
    } else raw[camel(k)] = v;
  }
  return { ok: true, value: raw };
}

/**
 * The request for `name` from the parsed options (and `extra`, e.g. the model), parsed by the
 * analysis's own schema, or the usage exit code after one line saying what is wrong.
 */
export function requestFor<N extends AnalysisName>(
  name: N,
  values: Record<string, unknown>,
  extra: Record<string, unknown>,
  io: CliIO,
): RequestOf<N> | number {
  const typed = typedRequest(values);
  if (!typed.ok) {
    io.err(typed.message);
    return EXIT.usage;
  }
  const r = parseRequest(name, { ...typed.value, ...extra }, CLI_LIMITS);
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
  let r;
  try {
    r = runAnalysis(project, job);
  } catch (e) {
    // An engine thread of --threads ran out of memory: the user's error, not a crash.
    if (e instanceof EngineThreadStopped) return reportErrors([e.error], io);
    throw e;
  }
  if (!r.ok) return reportErrors(r.errors, io);
  const v = r.value;
  if (typeof v === 'object' && v !== null && 'warnings' in v && Array.isArray(v.warnings))
    for (const w of v.warnings) io.err(`warning: ${w}`);
  return { value: r.value, resolved: gathered.resolved };
}

/** The `--display` option checked (undefined: each result's natural display), or the usage exit code. */
export function displayOption(value: string | undefined, io: CliIO): Display | undefined | number {
  if (value === undefined || isDisplay(value)) return value;
  io.err(`--display must be one of ${DISPLAYS.join(', ')} (got '${value}')`);
  return EXIT.usage;
}
