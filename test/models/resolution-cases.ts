// The resolution cases of the 2025 post's predictions, shared by resolutions.test.ts and the
// table script (resolution-shifts.ts): each prediction resolved yes or no alone, the worst case
// for the post's optimism (every prediction resolved the way its yes_means says raises
// P(scheming)), the best case (every one the other way) and every prediction refuted (all no,
// which differs from the worst case only in Prediction 1, whose no is good news).
//
// A resolution is evidence: its likelihood p_yes (or 1 - p_yes) multiplies the weights of the
// samples, on top of the model's own evidence. So one run that also computes every p_yes (as
// probes, qualified along the import path to the linked model) gives every case: the posterior
// mean is Σ w L y / Σ w L over the same samples the engine would weight after `credence
// resolve`. resolutions.test.ts checks that this equals the engine's own run with the
// resolutions as evidence. The shift from no resolution has its Monte Carlo error from 20
// batches of samples (common random numbers make it far smaller than either mean's).

import { loadCatalog, type Catalog, type Prediction } from '../../src/predictions/catalog.ts';
import { importPrefixes, likelihoodText } from '../../src/predictions/evidence.ts';
import type { Status } from '../../src/predictions/history.ts';
import { prepare } from '../../src/engine/run.ts';
import { summarize, effectiveSampleSize } from '../../src/stats/summary.ts';
import type { Project } from '../../src/model/project.ts';

export interface ResolutionCase {
  label: string;
  statuses: Map<string, Status>;
}

export interface CaseResult {
  label: string;
  mean: number;
  mcse: number;
  /** Posterior mean minus the mean with no prediction resolved, and its Monte Carlo error. */
  shift: number;
  shiftMcse: number;
  /** Effective sample size as a share of the samples. */
  essShare: number;
}

export const BATCHES = 20;

export function catalogOf(project: Project): Catalog {
  const c = loadCatalog(project);
  if (!c.ok) throw new Error(c.errors.map((e) => `${e.file}:${e.line}:${e.col}: ${e.message}`).join('\n'));
  return c.value;
}

/** The outcome of a prediction that raises P(scheming), by its yes_means. */
export function raising(p: Pick<Prediction, 'id' | 'yesMeans'>): Status {
  if (p.yesMeans === null) throw new Error(`prediction ${p.id} states no yes_means`);
  return p.yesMeans === 'higher' ? 'yes' : 'no';
}

const other = (s: Status): Status => (s === 'yes' ? 'no' : 'yes');

export function resolutionCases(catalog: Catalog): ResolutionCase[] {
  const ps = catalog.predictions;
  const cases: ResolutionCase[] = [{ label: 'none resolved', statuses: new Map() }];
  for (const p of ps)
    for (const o of ['yes', 'no'] as const) cases.push({ label: `${p.id} ${o}`, statuses: new Map([[p.id, o]]) });
  cases.push({ label: 'worst case', statuses: new Map(ps.map((p) => [p.id, raising(p)])) });
  cases.push({ label: 'best case', statuses: new Map(ps.map((p) => [p.id, other(raising(p))])) });
  cases.push({ label: 'all refuted', statuses: new Map(ps.map((p) => [p.id, 'no' as const])) });
  return cases;
}

/** Every case of `cases` on `quantity` of `modelId`, from one run at `samples` and `seed`. */
export function runCases(
  project: Project,
  catalog: Catalog,
  modelId: string,
  quantity: string,
  cases: ResolutionCase[],
  samples: number,
  seed: number,
): CaseResult[] {
  const probes = catalog.predictions.flatMap((p) =>
    importPrefixes(project, modelId, p.model).map((prefix) => ({
      id: p.id,
      name: `p_yes ${p.id} ${prefix}`,
      text: likelihoodText(p, 'yes', prefix),
    })),
  );
  const prepared = prepare(project, modelId, { probes: probes.map(({ name, text }) => ({ name, text })) });
  if (!prepared.ok) throw new Error(prepared.errors.map((e) => `${e.file}:${e.line}:${e.col}: ${e.message}`).join('; '));
  const r = prepared.value.run({ samples, seed });
  const y = r.columns[quantity]!;
  const n = r.samples;
  const base = r.weights ?? new Float64Array(n).fill(1);
  const weightsOf = (c: ResolutionCase): Float64Array => {
    const w = Float64Array.from(base);
    for (const pr of probes) {
      const s = c.statuses.get(pr.id);
      if (s !== 'yes' && s !== 'no') continue;
      const p = r.columns[pr.name]!;
      for (let i = 0; i < n; i++) w[i]! *= s === 'yes' ? p[i]! : 1 - p[i]!;
    }
    return w;
  };
  const batchMeans = (w: Float64Array): number[] => {
    const out: number[] = [];
    for (let b = 0; b < BATCHES; b++) {
      let sw = 0;
      let swy = 0;
      for (let i = Math.floor((b * n) / BATCHES); i < Math.floor(((b + 1) * n) / BATCHES); i++) {
        sw += w[i]!;
        swy += w[i]! * y[i]!;
      }
      out.push(swy / sw);
    }
    return out;
  };
  const baseSummary = summarize(y, base);
  const baseBatches = batchMeans(base);
  return cases.map((c) => {
    const w = weightsOf(c);
    const s = summarize(y, w);
    const d = batchMeans(w).map((m, b) => m - baseBatches[b]!);
    const dm = d.reduce((a, b) => a + b, 0) / BATCHES;
    const sd = Math.sqrt(d.reduce((a, b) => a + (b - dm) ** 2, 0) / (BATCHES - 1));
    return {
      label: c.label,
      mean: s.mean,
      mcse: s.mcse,
      shift: s.mean - baseSummary.mean,
      shiftMcse: sd / Math.sqrt(BATCHES),
      essShare: effectiveSampleSize(w) / n,
    };
  });
}
