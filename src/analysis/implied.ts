// The credence a model implies for each prediction: the evidence-weighted mean of the
// prediction's `p_yes` over a model's samples, with its Monte Carlo error.
//
// Which model: the overall one (by default the model whose imports reach the most others), read
// at the copy of the prediction's linked model inside it, as value of information reads it with
// `--model`. A resolution is evidence for every model that imports its linked model, so read
// there every prediction moves with every resolution that bears on what it reads (3b's outcome
// moves the shared worldview, and with it prediction 5's claim). A prediction whose linked
// model the overall model does not import is read in its linked model.
//
// Which evidence: what the model applies by default, and every resolution that reaches it except
// the prediction's own: the implied credence is what the model said before learning the answer
// (so it can be scored like a forecast). The model runs once with all of it applied; each
// prediction's weights are the product of the other likelihoods, or none when none of them
// shares a random draw with its p_yes (its posterior is then exactly its prior), as the engine
// weighs a quantity given that evidence.

import { prepare, type Prepared, type RunResult } from '../engine/run.ts';
import { effectiveSampleSize, summarize } from '../stats/summary.ts';
import { formatError } from '../model/errors.ts';
import { dependencyClosure, type ExtraEvidence, type Graph } from '../model/graph.ts';
import { hasDist, mapRefs, refsOf } from '../model/expression.ts';
import { CONSTANTS } from '../model/names.ts';
import type { Project } from '../model/project.ts';
import { copiesOf, likelihoods, pYesOf } from './prediction-likelihood.ts';

export interface PredictionLink {
  id: string;
  statement: string;
  credence: number;
  model: string;
  pYes: string;
}

export interface ImpliedCredence {
  id: string;
  statement: string;
  /** The prediction's linked model. */
  model: string;
  /** The model whose samples it is read in (the overall model, or the linked one outside it). */
  valuedIn: string;
  /** Import paths from `valuedIn` to the copies of the linked model ('' for the model itself). */
  paths: string[];
  /** The author's credence. */
  credence: number;
  /** Mean of p_yes over the model's samples, or null when the model cannot run. */
  implied: number | null;
  mcse: number | null;
  /** Effective sample size of the weighted run (null when no evidence informs p_yes). */
  ess: number | null;
  /** The resolutions applied (other predictions' evidence entries reaching `valuedIn`). */
  applied: string[];
  error: string | null;
}

/** `credence predictions --json`: every prediction's implied credence, with the run's settings. */
export interface ImpliedReport {
  samples: number;
  seed: number;
  /** The overall model the predictions are read in (null when the folder has none). */
  model: string | null;
  predictions: ImpliedCredence[];
}

/** Whether `model` is `overall` or reached by its imports. */
function contains(project: Project, overall: string, model: string): boolean {
  const seen = new Set([overall]);
  const stack = [overall];
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (id === model) return true;
    for (const imp of Object.values(project.models.get(id)?.imports ?? {}))
      if (!seen.has(imp.modelId)) {
        seen.add(imp.modelId);
        stack.push(imp.modelId);
      }
  }
  return false;
}

/** The model a prediction linked to `model` is read in: the overall model when it holds `model`. */
export function valuedIn(project: Project, overall: string | null, model: string): string {
  return overall !== null && project.models.has(overall) && contains(project, overall, model) ? overall : model;
}

/** The random quantities (those that draw) that `names` and the named evidence read. */
function drawsOf(graph: Graph, names: string[], evidence: string[] = []): Set<string> {
  const out = new Set<string>();
  for (const n of dependencyClosure(graph, names, evidence)) if (hasDist(graph.byName.get(n)!.expr)) out.add(n);
  return out;
}

interface Reading {
  run: RunResult;
  graph: Graph;
  /** The random draws each applied evidence entry reads, by name. */
  draws: Map<string, Set<string>>;
  /** The prediction each applied entry resolves, by entry name (file evidence has none). */
  resolves: Map<string, string | undefined>;
}

function readingOf(prepared: Prepared, extra: ExtraEvidence[], opts: { samples: number; seed: number }): Reading {
  const run = prepared.run({ samples: opts.samples, seed: opts.seed });
  const graph = prepared.graph;
  const byName = new Map(extra.map((e) => [e.name, e.prediction]));
  const draws = new Map(run.evidence.map((e) => [e.name, drawsOf(graph, [], [e.name])]));
  const resolves = new Map(run.evidence.map((e) => [e.name, byName.get(e.name)]));
  return { run, graph, draws, resolves };
}

type Row = Omit<ImpliedCredence, 'id' | 'statement' | 'model' | 'valuedIn' | 'credence'>;

const failed = (error: string, applied: string[] = [], paths: string[] = []): Row => ({
  paths,
  implied: null,
  mcse: null,
  ess: null,
  applied,
  error,
});

/** The weights of the evidence other than p's own, or null when none of it shares a draw with p_yes. */
function othersWeights(r: Reading, id: string, reads: Set<string>): Float64Array | null {
  const others = r.run.evidence.filter((e) => r.resolves.get(e.name) !== id);
  if (!others.some((e) => [...r.draws.get(e.name)!].some((d) => reads.has(d)))) return null;
  const w = new Float64Array(r.run.samples).fill(1);
  for (const e of others) for (let i = 0; i < w.length; i++) w[i]! *= e.likelihood[i]!;
  return w;
}

/** One prediction read in a run of the model it is valued in. */
function readPrediction(r: Reading, p: PredictionLink): Row {
  const applied = r.run.evidence
    .filter((e) => {
      const resolved = r.resolves.get(e.name);
      return resolved !== undefined && resolved !== p.id;
    })
    .map((e) => e.name);
  const prefixes = copiesOf(r.graph, p.model);
  const paths = prefixes.map((x) => x.replace(/\.$/, ''));
  const pYes = pYesOf(p);
  if ('skip' in pYes) return failed(pYes.skip, applied, paths);
  const lik = likelihoods(pYes.expr, prefixes, r.run);
  if (!lik) return failed(`p_yes names a quantity that model '${p.model}' does not have`, applied, paths);
  // Over several copies, P(yes) in a sample is the normalised ratio of the two likelihoods.
  let col = lik.likYes;
  if (prefixes.length > 1) {
    col = new Float64Array(lik.likYes.length);
    for (let i = 0; i < col.length; i++) col[i] = lik.likYes[i]! / (lik.likYes[i]! + lik.likNo[i]!);
  }
  const names = prefixes.flatMap((pre) =>
    refsOf(mapRefs(pYes.expr, (n) => (n in CONSTANTS ? n : pre + n))).map((x) => x.name),
  );
  const weights = othersWeights(r, p.id, drawsOf(r.graph, names));
  const s = summarize(col, weights);
  const ess = weights ? effectiveSampleSize(weights) : null;
  if (!Number.isFinite(s.mean)) {
    const why = r.run.warnings.map((w) => w.message).join('; ') || 'p_yes is not a number in any sample';
    return { ...failed(why, applied, paths), ess };
  }
  return { paths, implied: s.mean, mcse: s.mcse, ess, applied, error: null };
}

export function impliedCredences(
  project: Project,
  predictions: PredictionLink[],
  opts: { samples: number; seed: number; model: string | null; evidence?: (model: string) => ExtraEvidence[] },
): ImpliedCredence[] {
  const readings = new Map<string, Reading | string>();
  const readingIn = (id: string): Reading | string => {
    let r = readings.get(id);
    if (r === undefined) {
      const extra = opts.evidence?.(id) ?? [];
      const prepared = prepare(project, id, { extraEvidence: extra });
      r = prepared.ok ? readingOf(prepared.value, extra, opts) : prepared.errors.map(formatError).join('; ');
      readings.set(id, r);
    }
    return r;
  };
  return predictions.map((p) => {
    const base = { id: p.id, statement: p.statement, model: p.model, credence: p.credence };
    const where = valuedIn(project, opts.model, p.model);
    const r = readingIn(where);
    return { ...base, valuedIn: where, ...(typeof r === 'string' ? failed(r) : readPrediction(r, p)) };
  });
}
