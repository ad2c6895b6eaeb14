// What every analysis result states about the run it rests on (model, scenario, overrides,
// output and its scale, samples, seed, sampler, evidence), and the run options they share.

import { selectEvidence, type EvidenceSelection, type Prepared, type RunResult, type Sampler } from '../engine/run.ts';
import type { Graph } from '../model/graph.ts';

export interface AnalysisRunOptions {
  samples: number;
  seed: number;
  sampler?: Sampler;
  evidence?: EvidenceSelection;
}

/** What every analysis result says about the run it rests on. */
export interface AnalysisMeta {
  model: string;
  scenario: string | null;
  /** Inputs whose distribution a scenario or `--set` replaced, with the replacement text. */
  overrides: Record<string, string>;
  output: string;
  outputLabel: string | null;
  /** 'probability' when the output is a probability (display as percent or bits of log-odds). */
  outputScale: 'probability' | 'number';
  samples: number;
  seed: number;
  sampler: Sampler;
  /** Evidence applied to the means (empty when none is, or when the analysis ignores it). */
  evidence: string[];
  /** The unit of the output and of each input that has one, by qualified name. */
  units: Record<string, string>;
}

export function runDefaults(o: AnalysisRunOptions): Required<AnalysisRunOptions> {
  return { samples: o.samples, seed: o.seed, sampler: o.sampler ?? 'mc', evidence: o.evidence ?? 'default' };
}

export function meta(ctx: { prepared: Prepared; base: RunResult }, evidence: string[]): AnalysisMeta {
  const g = ctx.prepared.graph;
  const out = g.byName.get(ctx.base.output)!;
  const overrides: Record<string, string> = {};
  for (const e of g.entities) if (e.override !== null) overrides[e.name] = e.override;
  return {
    model: g.model.id,
    scenario: ctx.prepared.scenario,
    overrides,
    output: ctx.base.output,
    outputLabel: out.quantity.label,
    outputScale: outputScale(g, ctx.base.columns[ctx.base.output]!),
    samples: ctx.base.samples,
    seed: ctx.base.seed,
    sampler: ctx.base.sampler,
    evidence,
    units: unitsOf(g),
  };
}

/** The unit of the output and of each input that has one. */
function unitsOf(g: Graph): Record<string, string> {
  const units: Record<string, string> = {};
  for (const e of g.entities)
    if ((e.kind === 'input' || e.name === g.output) && e.quantity.unit !== null) units[e.name] = e.quantity.unit;
  return units;
}

/** A probability output: every value within [0, 1] and a unit or label that says so. */
export function outputScale(graph: Graph, col: Float64Array): 'probability' | 'number' {
  const q = graph.byName.get(graph.output)!.quantity;
  const says = /probab/i.test(q.unit ?? '') || /^\s*P\(/.test(q.label ?? '');
  if (!says) return 'number';
  for (let i = 0; i < col.length; i++) {
    const x = col[i]!;
    if (x < 0 || x > 1) return 'number';
  }
  return 'probability';
}

export function labelOf(prepared: Prepared, name: string): string | null {
  return prepared.graph.byName.get(name)?.quantity.label ?? null;
}

export function warningsOf(r: RunResult): string[] {
  return r.warnings.map((w) => `${w.node}: ${w.message}`);
}

/** Applied evidence names of a selection, for analyses that state what they used. */
export function appliedEvidence(prepared: Prepared, sel: EvidenceSelection): string[] {
  return selectEvidence(prepared.graph, sel).names;
}

/** How a view of a model is named to a reader: its scenario's label, or the model as written. */
export function viewLabel(model: Pick<Graph['model'], 'scenarios'>, scenario: string | null): string {
  if (scenario === null) return 'The model as written';
  const s = model.scenarios[scenario];
  return s ? (s.label ?? s.name) : scenario;
}
