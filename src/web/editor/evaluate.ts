// What the browser editor shows as you type, computed by the engine and the analyses the server
// uses: the output's headline (mean and 90% interval, after evidence when it applies), its
// distribution, the tornado, and the problems `credence check` would report for the file.
// Pure and synchronous: the editor's Web Worker calls it; tests call it in Node.

import { prepare, type Prepared } from '../../engine/run.ts';
import { nodeDistribution, type NodeDistribution } from '../../analysis/distribution.ts';
import { tornado } from '../../analysis/tornado.ts';
import { outputScale } from '../../analysis/meta.ts';
import type { TornadoData } from '../charts/tornado.ts';
import type { Project } from '../../model/project.ts';
import type { CredenceError, Result } from '../../model/errors.ts';
import { fileOf } from './project.ts';

export interface RunSettings {
  samples: number;
  seed: number;
}

export interface Headline {
  model: string;
  title: string;
  output: string;
  label: string | null;
  unit: string | null;
  scale: 'probability' | 'number';
  /** Evidence entries applied (their likelihoods reweight the samples), with their notes. */
  evidence: { name: string; note: string | null }[];
  distribution: NodeDistribution;
  warnings: string[];
}

/** Errors of the edited file only: problems of imported files show at the import. */
const own = (id: string, errors: CredenceError[]) => errors.filter((e) => e.file === fileOf(id));

export function prepareEdited(project: Project, id: string): Result<Prepared> {
  const p = prepare(project, id);
  if (p.ok) return p;
  const errors = own(id, p.errors);
  return { ok: false, errors: errors.length > 0 ? errors : p.errors };
}

/** The output's distribution from one run: what the headline and the histogram show. */
export function headlineOf(prepared: Prepared, settings: RunSettings): Headline {
  const g = prepared.graph;
  const out = g.byName.get(g.output)!;
  const result = prepared.run({ samples: settings.samples, seed: settings.seed, only: [g.output] });
  const meta = { label: out.quantity.label, unit: out.quantity.unit };
  const distribution = nodeDistribution(result, g.output, meta);
  const headline: Headline = {
    model: g.model.id,
    title: g.model.title,
    output: g.output,
    label: out.quantity.label,
    unit: out.quantity.unit,
    scale: outputScale(g, result.columns[g.output]!),
    evidence: result.evidence.map((e) => ({
      name: e.name,
      note: prepared.evidence.find((x) => x.name === e.name)?.note ?? null,
    })),
    distribution,
    warnings: result.warnings.map((w) => `${w.node}: ${w.message}`),
  };
  result.release();
  return headline;
}

/** The tornado of the output (its result carries the inputs' units for its labels). */
export function tornadoOf(prepared: Prepared, settings: RunSettings): Result<TornadoData> {
  return tornado(prepared, settings);
}

/** What `credence check` adds beyond loading: the model built under each of its scenarios. */
export function scenarioErrors(project: Project, id: string): CredenceError[] {
  const model = project.models.get(id);
  if (!model) return [];
  const errors: CredenceError[] = [];
  for (const scenario of Object.keys(model.scenarios)) {
    const p = prepare(project, id, { scenario });
    if (!p.ok) errors.push(...own(id, p.errors));
  }
  return errors;
}
