// `credence voi [--model M]`: which open prediction is most worth resolving. Predictions come
// from the catalog (models/predictions.yaml); which are open, and the resolutions applied as
// evidence, come from the database when it exists (without one, every prediction is open).

import { existsSync } from 'node:fs';
import { parseCommandLine } from './args.ts';
import { firstIssue } from '../analysis/request.ts';
import { voiRequestSchema } from '../analysis/analysis-request.ts';
import { valueOfInformationForProject, type VoiReport } from '../analysis/value-of-information.ts';
import { defaultDisplay, isDisplay, showChange, showError, showLevel, DISPLAYS, type Display } from './display.ts';
import { loadProject } from '../model/project.ts';
import { formatError } from '../model/errors.ts';
import { loadCatalog } from '../predictions/catalog.ts';
import { isPostgresUrl, openStore } from '../predictions/db.ts';
import { currentStatuses } from '../predictions/store.ts';
import { evidenceFor } from '../predictions/evidence.ts';
import type { Status } from '../predictions/history.ts';
import { num, table } from './format.ts';
import { EXIT, type CliIO } from './io.ts';

export const VOI_USAGE = `usage: credence voi [--model M] [--samples N] [--seed S] [--sampler mc|lhs|sobol] [--display ${DISPLAYS.join('|')}] [--json]`;

const OPTIONS = {
  model: { type: 'string' },
  samples: { type: 'string' },
  seed: { type: 'string' },
  sampler: { type: 'string' },
  display: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

export default async function voiCommand(args: string[], io: CliIO): Promise<number> {
  const parsed = parseCommandLine(args, OPTIONS, VOI_USAGE, io, false);
  if (typeof parsed === 'number') return parsed;
  const { values } = parsed;
  if (values.help) {
    io.out(VOI_USAGE);
    return EXIT.ok;
  }
  const { display: displayOpt, json, help: _h, ...rest } = values;
  if (displayOpt !== undefined && !isDisplay(displayOpt)) {
    io.err(`--display must be one of ${DISPLAYS.join(', ')} (got '${displayOpt}')`);
    return EXIT.usage;
  }
  const req = voiRequestSchema().safeParse(rest);
  if (!req.success) {
    io.err(firstIssue(req.error));
    return EXIT.usage;
  }
  const project = loadProject(io.modelsDir);
  if (req.data.model !== undefined && !project.models.has(req.data.model)) {
    io.err(
      `there is no model '${req.data.model}' in ${io.modelsDir}; known models: ${[...project.models.keys()].join(', ') || 'none'}`,
    );
    return EXIT.usage;
  }
  const catalog = loadCatalog(project);
  if (!catalog.ok) {
    for (const e of catalog.errors) io.err(formatError(e));
    return EXIT.problems;
  }
  let statuses = new Map<string, Status>();
  if (isPostgresUrl(io.dbPath) || existsSync(io.dbPath)) {
    const opened = await openStore(io.dbPath, { readonly: true });
    if (!opened.ok) {
      io.err(opened.error.message);
      return EXIT.problems;
    }
    try {
      statuses = await currentStatuses(opened.store, catalog.value);
    } finally {
      await opened.store.close();
    }
  } else {
    io.err(`note: no database at ${io.dbPath}; every prediction is taken as open`);
  }
  const open = catalog.value.predictions.filter((p) => (statuses.get(p.id) ?? 'open') === 'open');
  const r = valueOfInformationForProject(project, open, {
    samples: req.data.samples,
    seed: req.data.seed,
    sampler: req.data.sampler,
    model: req.data.model,
    extraEvidence: (id) => evidenceFor(project, catalog.value, statuses, id),
  });
  if (!r.ok) {
    for (const e of r.errors) io.err(formatError(e));
    return EXIT.problems;
  }
  for (const w of r.value.warnings) io.err(`warning: ${w}`);
  if (json) {
    io.out(JSON.stringify(r.value, null, 2));
    return EXIT.ok;
  }
  for (const line of renderVoi(
    r.value,
    displayOpt as Display | undefined,
    catalog.value.predictions.length - open.length,
  ))
    io.out(line);
  return EXIT.ok;
}

export function renderVoi(r: VoiReport, forced: Display | undefined, resolved: number): string[] {
  const lines = [
    `value of information: ${r.rows.length} open prediction${r.rows.length === 1 ? '' : 's'}${resolved ? ` (${resolved} resolved, applied as evidence)` : ''}, ${r.samples.toLocaleString('en-US')} samples, seed ${r.seed}`,
    r.mode === 'model'
      ? `valued on ${r.models[0]?.model}'s output ${r.models[0]?.output}`
      : "each valued on its own linked model's output",
    '',
  ];
  if (r.rows.length === 0) lines.push('no open prediction to value');
  else {
    const rows = r.rows.map((x, i) => {
      const d = forced ?? defaultDisplay(x.outputScale);
      const shift =
        d === 'bits' && x.expectedShiftBits !== null
          ? `${num(x.expectedShiftBits, 3)} bits`
          : d === 'percent'
            ? `${num(x.expectedShift * 100, 3)} pp`
            : num(x.expectedShift);
      return [
        String(i + 1),
        x.id,
        r.mode === 'model' ? x.linkedModel : `${x.model}.${x.output}`,
        `${num(x.pYes * 100, 3)}%`,
        showLevel(x.mean, d),
        `${showLevel(x.meanIfYes, d)} (${showChange(x.mean, x.meanIfYes, d)})`,
        `${showLevel(x.meanIfNo, d)} (${showChange(x.mean, x.meanIfNo, d)})`,
        shift,
        d === 'bits' ? '' : showError(x.shiftMcse, 0.5, d),
      ];
    });
    lines.push(
      ...table([
        [
          '#',
          'prediction',
          r.mode === 'model' ? 'linked model' : 'valued on',
          'P(yes)',
          'mean now',
          'if yes',
          'if no',
          'expected shift',
          'mcse',
        ],
        ...rows,
      ]),
    );
  }
  if (r.skipped.length) {
    lines.push('');
    for (const s of r.skipped) lines.push(`skipped ${s.id}: ${s.reason}`);
  }
  return lines;
}
