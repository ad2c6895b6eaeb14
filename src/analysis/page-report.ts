// What a model page shows of one run: the run report restricted to the inputs the page lists
// (see page-inputs.ts), the output, a chosen quantity and the model's own formulas (each node
// and every quantity it reads: these, the output and the chosen one also after the evidence),
// the chosen quantity's distribution, the listed inputs with their texts, and the evidence the
// run could apply. The run computes only what those read.

import { runReport, type RunReport } from './report.ts';
import { nodeDistribution, type NodeDistribution } from './distribution.ts';
import type { Prepared, RunOptions } from '../engine/run.ts';
import type { Entity } from '../model/graph.ts';
import type { Model } from '../model/load.ts';
import { refsOf } from '../model/expression.ts';
import type { Result } from '../model/errors.ts';
import { pageInputs } from './page-inputs.ts';
import { appliedEvidence } from './meta.ts';

export interface InputInfo {
  name: string;
  label: string | null;
  unit: string | null;
  note: string | null;
  /** The distribution in force: the override's text when one applies, else the file's. */
  dist: string;
  /** The file's distribution text, before scenario or what-if overrides. */
  original: string;
  override: string | null;
  model: string;
}

export interface PageReport {
  report: RunReport;
  distribution: NodeDistribution;
  /** The inputs the page lists and the report summarises (at most INPUTS_SHOWN, and any replaced one). */
  inputs: InputInfo[];
  evidence: { name: string; applied: boolean; note: string | null; text: string }[];
  applied: string[];
  /** Every quantity of the run, for choosing which one to show. */
  names: string[];
}

function inputInfo(e: Entity): InputInfo {
  return {
    name: e.name,
    label: e.quantity.label,
    unit: e.quantity.unit,
    note: e.quantity.note,
    dist: e.override ?? e.quantity.text,
    original: e.quantity.text,
    override: e.override,
    model: e.modelId,
  };
}

/** A quantity's label and unit, as its distribution states them. */
export function metaOf(prepared: Prepared, name: string): { label: string | null; unit: string | null } {
  const q = prepared.graph.byName.get(name)?.quantity;
  return { label: q?.label ?? null, unit: q?.unit ?? null };
}

/** An error for a quantity the model does not have. */
export function unknownQuantity(prepared: Prepared, node: string): Result<never> {
  const model = prepared.graph.model.id;
  return {
    ok: false,
    errors: [{ code: 'unknown-name', file: 'node', message: `model '${model}' has no quantity '${node}'` }],
  };
}

/** The most formulas a model page shows (a model may have tens of thousands of nodes). */
export const FORMULAS_SHOWN = 200;

/** The nodes whose formulas a page shows: the output first, then the others in file order. */
export function formulaNodes(model: Model): string[] {
  const names = Object.keys(model.nodes);
  const others = names.filter((n) => n !== model.output);
  return [...(names.includes(model.output) ? [model.output] : []), ...others].slice(0, FORMULAS_SHOWN);
}

/** The nodes a page shows the formulas of and every quantity those read, each once. */
export function formulaQuantities(model: Model): string[] {
  const names = new Set<string>();
  for (const name of formulaNodes(model)) {
    names.add(name);
    for (const r of refsOf(model.nodes[name]!.expr)) names.add(r.name);
  }
  return [...names];
}

/** The page's report of `node` (default: the output). */
export function pageReport(prepared: Prepared, options: RunOptions, node?: string): Result<PageReport> {
  const graph = prepared.graph;
  const chosen = node ?? graph.output;
  if (!graph.byName.has(chosen)) return unknownQuantity(prepared, chosen);
  // The inputs the page lists (at most INPUTS_SHOWN, and any replaced one): the model's own
  // even when the output does not read them; imported ones only when it does.
  const inputs = pageInputs(graph, appliedEvidence(prepared, options.evidence ?? 'default'));
  const listed = inputs.map((e) => e.name);
  // The formulas panel shows these from the same run (a full run would summarise every quantity).
  const formulas = formulaQuantities(graph.model).filter((n) => graph.byName.has(n));
  // Imported inputs are computed only when something shown reads them.
  const own = inputs.filter((e) => e.name === e.local).map((e) => e.name);
  const result = prepared.run({ ...options, only: [graph.output, chosen, ...own, ...formulas] });
  const report = runReport(result, {
    nodes: new Set([...listed, graph.output, chosen, ...formulas]),
    posterior: new Set([graph.output, chosen, ...formulas]),
  });
  const value: PageReport = {
    report,
    distribution: nodeDistribution(result, chosen, metaOf(prepared, chosen)),
    inputs: inputs.map(inputInfo),
    evidence: prepared.evidence,
    applied: result.evidence.map((e) => e.name),
    names: graph.entities.map((e) => e.name),
  };
  result.release();
  return { ok: true, value };
}
