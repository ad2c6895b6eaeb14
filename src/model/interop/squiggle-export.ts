// A model as Squiggle code (@quri/squiggle-lang 0.10): every quantity of the flattened graph
// (imports included, under `alias__name`) becomes a binding, in evaluation order. Random
// quantities are Squiggle SampleSets and every formula is applied sample by sample, so
// quantities that share a draw stay correlated exactly as in Credence: arithmetic, exp and log
// directly on the SampleSets (Squiggle combines two SampleSets sample by sample, about ten times
// faster than a lambda per sample), anything else (comparisons, if, min/max, floor…) through
// SampleSet.mapN. Constant quantities stay numbers. Evidence is not applied (Squiggle has no likelihood
// weighting): the export is the prior, and says so in its header. Whatever has no Squiggle
// equivalent (beta_ci90, pert_ci90, trigonometry, erf) is a located refusal; cdf/pdf/quantile of a
// written-out distribution are Squiggle's cdf/pdf/inv.

import { buildGraph, type Graph } from '../graph.ts';
import { scenarioOverrides } from '../overrides.ts';
import type { Expr } from '../expression.ts';
import type { Project } from '../project.ts';
import { error, type CredenceError, type Result } from '../errors.ts';
import { squiggleName } from './squiggle-names.ts';
import { isPairwise } from './squiggle-text.ts';
import { Refusal, Writer, distribution } from './squiggle-writer.ts';

export interface SquiggleExport {
  code: string;
  /** The Squiggle name of the model's output. */
  output: string;
}

function hasDistIn(e: Expr): boolean {
  switch (e.kind) {
    case 'dist':
      return true;
    case 'num':
    case 'ref':
      return false;
    case 'if':
      return hasDistIn(e.test) || hasDistIn(e.then) || hasDistIn(e.else);
    case 'call':
      // cdf/pdf/quantile read a written-out distribution's function: no draw.
      if ((e.fn === 'cdf' || e.fn === 'pdf' || e.fn === 'quantile') && e.args[0]?.kind === 'dist')
        return e.args.slice(1).some(hasDistIn) || e.args[0].args.some(hasDistIn);
      return e.args.some(hasDistIn);
    default:
      return e.args.some(hasDistIn);
  }
}

/** The Squiggle code of `graph` (its inputs as overridden when it was built). */
export function graphToSquiggle(graph: Graph, title: string): Result<SquiggleExport> {
  const random = new Set<string>();
  const lines: string[] = [
    `// ${title}: exported from Credence (model '${graph.model.id}'); the prior, before any evidence.`,
  ];
  for (const ev of graph.evidence) lines.push(`// evidence not applied: ${ev.name}: ${ev.text}`);
  let n = 0;
  const fresh = () => `d_${++n}`;
  try {
    for (const entity of graph.entities) {
      const name = squiggleName(entity.name);
      const hoisted: string[] = [];
      const e = entity.expr;
      let text: string;
      if (e.kind === 'dist') {
        text = distribution(e, entity, random, fresh, hoisted);
        random.add(entity.name);
      } else {
        const pairwise = isPairwise(e);
        const w = new Writer(entity, random, fresh, pairwise);
        const body = w.num(e);
        hoisted.push(...w.hoisted);
        if (w.randomRefs.length === 0 && !hasDistIn(e)) text = body;
        else if (pairwise) {
          text = body;
          random.add(entity.name);
        } else {
          text = `SampleSet.mapN([${w.randomRefs.map(squiggleName).join(', ')}], {|xs| ${body}})`;
          random.add(entity.name);
        }
      }
      lines.push(...hoisted, `${name} = ${text}`);
    }
  } catch (err) {
    if (!(err instanceof Refusal)) throw err;
    const place = err.entity.source.loc(err.at);
    return { ok: false, errors: [error('unsupported', `${err.entity.name}: ${err.message}`, place)] };
  }
  const output = squiggleName(graph.output);
  // The program's result: what Squiggle shows first, and what an import of the file takes as its output.
  lines.push(`// output: ${output}`, output);
  return { ok: true, value: { code: `${lines.join('\n')}\n`, output } };
}

/** Export a model of the project (optionally under a scenario) as Squiggle code. */
export function exportSquiggle(
  project: Project,
  modelId: string,
  scenario: string | null = null,
): Result<SquiggleExport> {
  const model = project.models.get(modelId);
  if (!model) return { ok: false, errors: [error('unknown-model', `there is no model '${modelId}'`)] };
  const overrides = scenarioOverrides(model, scenario);
  if (!overrides.ok) return overrides;
  const graph = buildGraph(project, modelId, overrides.value);
  if (!graph.ok) return graph;
  return graphToSquiggle(graph.value, model.title ?? modelId);
}

export type { CredenceError };
