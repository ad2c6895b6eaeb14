// Value of information: which open prediction is most worth resolving. A prediction links a
// model and gives `p_yes`, the probability that it resolves yes in one sample of that model.
// Its value is how far learning the outcome would move the analysed model's output mean: the
// posterior means the engine would report after the resolution is applied as evidence, and the
// expected absolute change (formulas and Monte Carlo errors in stats/conditional-means.ts).
//
// Which output: by default each prediction is valued on its own linked model's output. With a
// chosen model (`--model M`), every prediction linked to M or to a model M imports is valued on
// M's output, its p_yes qualified by the import path (`a.x` for a model imported as `a`). When
// M holds several copies of the linked model (imported along several paths), each copy carries
// the resolution, as the engine's resolution evidence does: the likelihoods are Π pᵢ for yes
// and Π (1 − pᵢ) for no over the copies, and P(yes) is their normalised ratio.

import { prepare, type Prepared } from '../engine/run.ts';
import type { Expr } from '../model/expression.ts';
import type { ExtraEvidence } from '../model/graph.ts';
import type { Project } from '../model/project.ts';
import type { CredenceError, Result } from '../model/errors.ts';
import { meanOf } from '../stats/estimate.ts';
import { conditionalMeans, JACKKNIFE_GROUPS, type ConditionalMeans } from '../stats/conditional-means.ts';
import { copiesOf, likelihoods, pYesOf } from './prediction-likelihood.ts';
import { meta, outputScale, runDefaults, warningsOf, type AnalysisMeta, type AnalysisRunOptions } from './meta.ts';

/** What VOI needs of a prediction (the catalog's Prediction has all of it). */
export interface VoiPrediction {
  id: string;
  /** The linked model's id. */
  model: string;
  /** P(yes) in one sample of the linked model: an expression over its quantities. */
  pYes: string;
  /** The parsed expression, when already at hand. */
  pYesExpr?: Expr;
  statement?: string;
}

export interface VoiRow extends ConditionalMeans {
  id: string;
  statement: string | null;
  /** The prediction's linked model. */
  linkedModel: string;
  /** The model whose output is valued, and that output. */
  model: string;
  output: string;
  outputScale: 'probability' | 'number';
  /** Import paths from `model` to the linked model ('' when they are the same model). */
  paths: string[];
  /** The expected shift in bits of log-odds, for probability outputs (else null). */
  expectedShiftBits: number | null;
}

export interface VoiSkipped {
  id: string;
  reason: string;
}

export interface VoiModelResult extends AnalysisMeta {
  analysis: 'voi';
  mean: number;
  mcse: number;
  /** Ranked by expected shift, largest first. */
  rows: VoiRow[];
  skipped: VoiSkipped[];
  warnings: string[];
}

export interface VoiOptions extends AnalysisRunOptions {
  groups?: number;
}

const log2odds = (p: number) => Math.log2(p) - Math.log2(1 - p);

/** The expected shift of a probability output in bits of log-odds. */
const shiftBits = (s: ConditionalMeans) =>
  s.pYes * Math.abs(log2odds(s.meanIfYes) - log2odds(s.mean)) +
  (1 - s.pYes) * Math.abs(log2odds(s.meanIfNo) - log2odds(s.mean));

/** VOI of each prediction on one prepared model's output. */
export function valueOfInformation(prepared: Prepared, predictions: VoiPrediction[], opts: VoiOptions): VoiModelResult {
  const base = prepared.run(runDefaults(opts));
  const graph = prepared.graph;
  const y = base.columns[base.output]!;
  const scale = outputScale(graph, y);
  const warnings = warningsOf(base);
  const rows: VoiRow[] = [];
  const skipped: VoiSkipped[] = [];
  const groups = Math.max(2, Math.min(opts.groups ?? JACKKNIFE_GROUPS, base.samples));

  for (const p of predictions) {
    const prefixes = copiesOf(graph, p.model);
    if (prefixes.length === 0) {
      skipped.push({
        id: p.id,
        reason: `it links model '${p.model}', which is neither '${graph.model.id}' nor imported by it`,
      });
      continue;
    }
    const pYes = pYesOf(p);
    if ('skip' in pYes) {
      skipped.push({ id: p.id, reason: pYes.skip });
      continue;
    }
    const lik = likelihoods(pYes.expr, prefixes, base);
    if (!lik) {
      skipped.push({ id: p.id, reason: `p_yes names a quantity that model '${p.model}' does not have` });
      continue;
    }
    if (lik.clamped > 0) warnings.push(`prediction ${p.id}: p_yes is outside 0–1 in ${lik.clamped} samples; clamped`);
    if (lik.bad > 0) warnings.push(`prediction ${p.id}: p_yes is NaN in ${lik.bad} samples; they are left out`);
    const stats = conditionalMeans(y, base.weights, lik.likYes, lik.likNo, groups);
    rows.push({
      id: p.id,
      statement: p.statement ?? null,
      linkedModel: p.model,
      model: graph.model.id,
      output: base.output,
      outputScale: scale,
      paths: prefixes.map((x) => x.replace(/\.$/, '')),
      ...stats,
      expectedShiftBits: scale === 'probability' ? shiftBits(stats) : null,
    });
  }
  rows.sort((a, b) => (b.expectedShift || 0) - (a.expectedShift || 0) || a.id.localeCompare(b.id));
  const m = meanOf(y, base.weights);
  return {
    analysis: 'voi',
    ...meta(
      { prepared, base },
      base.evidence.map((e) => e.name),
    ),
    mean: m.mean,
    mcse: m.mcse,
    rows,
    skipped,
    warnings,
  };
}

export interface VoiReport {
  analysis: 'voi';
  /** 'linked': each prediction on its own linked model; 'model': all on one chosen model. */
  mode: 'linked' | 'model';
  samples: number;
  seed: number;
  /** Ranked by expected shift, largest first (in 'linked' mode the outputs may differ: see each row). */
  rows: VoiRow[];
  /** Each analysed model's current output mean and the evidence it applied. */
  models: {
    model: string;
    output: string;
    outputScale: 'probability' | 'number';
    mean: number;
    mcse: number;
    evidence: string[];
  }[];
  skipped: VoiSkipped[];
  warnings: string[];
}

export interface VoiProjectOptions extends VoiOptions {
  /** Value every prediction on this model's output (default: each on its linked model). */
  model?: string;
  /** Evidence to apply to a model before valuing (e.g. the resolutions so far). */
  extraEvidence?: (modelId: string) => ExtraEvidence[];
}

/** VOI of open predictions across a project (the predictions passed in are taken as open). */
export function valueOfInformationForProject(
  project: Project,
  predictions: VoiPrediction[],
  opts: VoiProjectOptions,
): Result<VoiReport> {
  const run = runDefaults(opts);
  const groups = new Map<string, VoiPrediction[]>();
  if (opts.model !== undefined) groups.set(opts.model, predictions);
  else for (const p of predictions) groups.set(p.model, [...(groups.get(p.model) ?? []), p]);
  const rows: VoiRow[] = [];
  const models: VoiReport['models'] = [];
  const skipped: VoiSkipped[] = [];
  const warnings: string[] = [];
  const errors: CredenceError[] = [];
  for (const [modelId, list] of groups) {
    if (!project.models.has(modelId)) {
      if (opts.model !== undefined)
        return { ok: false, errors: [{ code: 'unknown-model', message: `there is no model '${modelId}'` }] };
      for (const p of list) skipped.push({ id: p.id, reason: `its model '${modelId}' is not loaded (see its file)` });
      continue;
    }
    const prepared = prepare(project, modelId, { extraEvidence: opts.extraEvidence?.(modelId) ?? [] });
    if (!prepared.ok) {
      if (opts.model !== undefined) return prepared;
      errors.push(...prepared.errors);
      for (const p of list) skipped.push({ id: p.id, reason: `its model '${modelId}' cannot run` });
      continue;
    }
    const r = valueOfInformation(prepared.value, list, run);
    rows.push(...r.rows);
    skipped.push(...r.skipped);
    warnings.push(...r.warnings.map((w) => `${modelId}: ${w}`));
    models.push({
      model: modelId,
      output: r.output,
      outputScale: r.outputScale,
      mean: r.mean,
      mcse: r.mcse,
      evidence: r.evidence,
    });
  }
  for (const e of errors) warnings.push(`${e.file}:${e.line}:${e.col}: ${e.message}`);
  rows.sort((a, b) => (b.expectedShift || 0) - (a.expectedShift || 0) || a.id.localeCompare(b.id));
  return {
    ok: true,
    value: {
      analysis: 'voi',
      mode: opts.model !== undefined ? 'model' : 'linked',
      samples: run.samples,
      seed: run.seed,
      rows,
      models,
      skipped,
      warnings,
    },
  };
}
