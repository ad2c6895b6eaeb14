// Value of information: which open prediction is most worth resolving. A prediction links a
// model and gives `p_yes`, the probability that it resolves yes in one sample of that model.
// Over the samples (weighted by the evidence already applied, wᵢ):
//
//   P(yes)       = Σ wᵢ pᵢ / Σ wᵢ
//   mean if yes  = Σ wᵢ pᵢ yᵢ / Σ wᵢ pᵢ           (y: the analysed model's output)
//   mean if no   = Σ wᵢ (1 − pᵢ) yᵢ / Σ wᵢ (1 − pᵢ)
//   expected shift = P(yes)·|mean if yes − mean| + P(no)·|mean if no − mean|
//
// i.e. the posterior means the engine would report after the resolution is applied as evidence,
// and the expected absolute change of the output mean from learning the outcome.
//
// Which output: by default each prediction is valued on its own linked model's output. With a
// chosen model (`--model M`), every prediction linked to M or to a model M imports is valued on
// M's output, its p_yes qualified by the import path (`a.x` for a model imported as `a`). When
// M holds several copies of the linked model (imported along several paths), each copy carries
// the resolution, as the engine's resolution evidence does: the likelihoods are Π pᵢ for yes
// and Π (1 − pᵢ) for no over the copies, and P(yes) is their normalised ratio.
//
// Monte Carlo errors come from a grouped jackknife over 50 blocks of samples.

import { compileColumn } from '../engine/compile.ts';
import { prepare, type Prepared } from '../engine/run.ts';
import { hasDist, inlineSource, mapRefs, parseExpression, type Expr } from '../model/expression.ts';
import { CONSTANTS } from '../model/names.ts';
import type { ExtraEvidence } from '../model/graph.ts';
import type { Project } from '../model/project.ts';
import type { CredenceError, Result } from '../model/errors.ts';
import { meanOf } from '../stats/estimate.ts';
import { meta, outputScale, runDefaults, warningsOf, type AnalysisMeta, type AnalysisRunOptions } from './meta.ts';

export const JACKKNIFE_GROUPS = 50;

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

export interface VoiRow {
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
  pYes: number;
  pYesMcse: number;
  /** The output mean now, if the prediction resolves yes, and if it resolves no. */
  mean: number;
  meanIfYes: number;
  meanIfNo: number;
  meanIfYesMcse: number;
  meanIfNoMcse: number;
  /** P(yes)·|meanIfYes − mean| + P(no)·|meanIfNo − mean|. */
  expectedShift: number;
  shiftMcse: number;
  /** The same in bits of log-odds, for probability outputs (else null). */
  expectedShiftBits: number | null;
  /** The larger of the two possible shifts. */
  largestShift: number;
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

/** VOI of each prediction on one prepared model's output. */
export function valueOfInformation(prepared: Prepared, predictions: VoiPrediction[], opts: VoiOptions): VoiModelResult {
  const run = runDefaults(opts);
  const base = prepared.run(run);
  const graph = prepared.graph;
  const y = base.columns[base.output]!;
  const w = base.weights;
  const n = base.samples;
  const scale = outputScale(graph, y);
  const names = Object.keys(base.columns);
  const cols = names.map((k) => base.columns[k]!);
  const slotOf = new Map(names.map((k, i) => [k, i]));
  const warnings = warningsOf(base);
  const rows: VoiRow[] = [];
  const skipped: VoiSkipped[] = [];
  const G = Math.max(2, Math.min(opts.groups ?? JACKKNIFE_GROUPS, n));

  for (const p of predictions) {
    const prefixes = [
      ...new Set(
        graph.entities.filter((e) => e.modelId === p.model).map((e) => e.name.slice(0, e.name.length - e.local.length)),
      ),
    ].sort((a, b) => a.length - b.length || a.localeCompare(b));
    if (prefixes.length === 0) {
      skipped.push({
        id: p.id,
        reason: `it links model '${p.model}', which is neither '${graph.model.id}' nor imported by it`,
      });
      continue;
    }
    let expr = p.pYesExpr;
    if (!expr) {
      const parsed = parseExpression(p.pYes, inlineSource(p.pYes, `p_yes of ${p.id}`));
      if (!parsed.ok) {
        skipped.push({ id: p.id, reason: `p_yes: ${parsed.error.message}` });
        continue;
      }
      expr = parsed.value.expr;
    }
    if (hasDist(expr)) {
      skipped.push({ id: p.id, reason: "p_yes draws a distribution; it must be computed from the model's quantities" });
      continue;
    }
    const likYes = new Float64Array(n).fill(1);
    const likNo = new Float64Array(n).fill(1);
    let problem: string | null = null;
    let clamped = 0;
    let bad = 0;
    for (const prefix of prefixes) {
      const q = prefix === '' ? expr : mapRefs(expr, (name) => (name in CONSTANTS ? name : prefix + name));
      const out = new Float64Array(n);
      try {
        compileColumn(q, (name) => slotOf.get(name) ?? -1)(cols, out, n);
      } catch {
        problem = `p_yes names a quantity that model '${p.model}' does not have`;
        break;
      }
      for (let i = 0; i < n; i++) {
        let v = out[i]!;
        if (v !== v) {
          bad++;
          likYes[i] = NaN;
          continue;
        }
        if (v < 0 || v > 1) {
          clamped++;
          v = v < 0 ? 0 : 1;
        }
        likYes[i]! *= v;
        likNo[i]! *= 1 - v;
      }
    }
    if (problem) {
      skipped.push({ id: p.id, reason: problem });
      continue;
    }
    if (clamped > 0) warnings.push(`prediction ${p.id}: p_yes is outside 0–1 in ${clamped} samples; clamped`);
    if (bad > 0) warnings.push(`prediction ${p.id}: p_yes is NaN in ${bad} samples; they are left out`);
    const stats = voiStatistics(y, w, likYes, likNo, G);
    rows.push({
      id: p.id,
      statement: p.statement ?? null,
      linkedModel: p.model,
      model: graph.model.id,
      output: base.output,
      outputScale: scale,
      paths: prefixes.map((x) => x.replace(/\.$/, '')),
      ...stats,
      expectedShiftBits:
        scale === 'probability'
          ? stats.pYes * Math.abs(log2odds(stats.meanIfYes) - log2odds(stats.mean)) +
            (1 - stats.pYes) * Math.abs(log2odds(stats.meanIfNo) - log2odds(stats.mean))
          : null,
    });
  }
  rows.sort((a, b) => (b.expectedShift || 0) - (a.expectedShift || 0) || a.id.localeCompare(b.id));
  const m = meanOf(y, w);
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

type VoiStats = Pick<
  VoiRow,
  | 'pYes'
  | 'pYesMcse'
  | 'mean'
  | 'meanIfYes'
  | 'meanIfNo'
  | 'meanIfYesMcse'
  | 'meanIfNoMcse'
  | 'expectedShift'
  | 'shiftMcse'
  | 'largestShift'
>;

const K = 6; // Σw, Σwy, Σw·Ly, Σw·Ly·y, Σw·Ln, Σw·Ln·y

function statsOf(s: Float64Array | number[]): [number, number, number, number, number, number] {
  const mean = s[1]! / s[0]!;
  const pYes = s[2]! / (s[2]! + s[4]!);
  const mYes = s[2]! > 0 ? s[3]! / s[2]! : NaN;
  const mNo = s[4]! > 0 ? s[5]! / s[4]! : NaN;
  const term = (p: number, m: number) => (p > 0 ? p * Math.abs(m - mean) : 0);
  const shift = term(pYes, mYes) + term(1 - pYes, mNo);
  const largest = Math.max(s[2]! > 0 ? Math.abs(mYes - mean) : 0, s[4]! > 0 ? Math.abs(mNo - mean) : 0);
  return [mean, pYes, mYes, mNo, shift, largest];
}

/** The VOI statistics of one prediction and their grouped-jackknife errors (pure). */
export function voiStatistics(
  y: Float64Array,
  w: Float64Array | null,
  likYes: Float64Array,
  likNo: Float64Array,
  groups = JACKKNIFE_GROUPS,
): VoiStats {
  const n = y.length;
  const G = Math.max(2, Math.min(groups, n));
  const parts = Array.from({ length: G }, () => new Float64Array(K));
  const total = new Float64Array(K);
  for (let i = 0; i < n; i++) {
    const v = y[i]!;
    const a = likYes[i]!;
    if (v - v !== 0 || a !== a) continue;
    const wi = w ? w[i]! : 1;
    if (!(wi > 0)) continue;
    const b = likNo[i]!;
    const g = parts[Math.floor((i * G) / n)]!;
    g[0]! += wi;
    g[1]! += wi * v;
    g[2]! += wi * a;
    g[3]! += wi * a * v;
    g[4]! += wi * b;
    g[5]! += wi * b * v;
  }
  for (const g of parts) for (let c = 0; c < K; c++) total[c]! += g[c]!;
  const full = statsOf(total);
  const loo = parts.map((g) => statsOf(total.map((t, c) => t - g[c]!)));
  const se = full.map((_, s) => {
    const xs = loo.map((l) => l[s]!).filter((x) => Number.isFinite(x));
    if (xs.length < 2) return NaN;
    const mu = xs.reduce((a, b) => a + b, 0) / xs.length;
    return Math.sqrt(((xs.length - 1) / xs.length) * xs.reduce((a, b) => a + (b - mu) ** 2, 0));
  });
  const [mean, pYes, meanIfYes, meanIfNo, expectedShift, largestShift] = full;
  return {
    pYes,
    pYesMcse: se[1]!,
    mean,
    meanIfYes,
    meanIfNo,
    meanIfYesMcse: se[2]!,
    meanIfNoMcse: se[3]!,
    expectedShift,
    shiftMcse: se[4]!,
    largestShift,
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
