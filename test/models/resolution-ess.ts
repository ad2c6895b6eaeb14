// Prints, for a model, the effective sample size and the posterior of its scheming-risk
// quantity with no prediction resolved, with all seven resolved yes, with all resolved no, and
// (with --each) with each single prediction resolved either way, at the CLI's defaults
// (100,000 samples, seed 1). The figures that resolutions.test.ts pins, for reading by eye:
//
//   npx tsx test/models/resolution-ess.ts [model-id] [--each]
//
// model-id defaults to p-scheming; the others a prediction links to are
// reasoning-models-2025, selection-bits and speed-costs.

import { loadProject } from '../../src/model/project.ts';
import { loadCatalog } from '../../src/predictions/catalog.ts';
import { evidenceFor } from '../../src/predictions/evidence.ts';
import type { Status } from '../../src/predictions/history.ts';
import { prepare } from '../../src/engine/run.ts';
import { summarize, effectiveSampleSize } from '../../src/stats/summary.ts';
import { MODELS_DIR, SAMPLES, SEED } from './helpers.ts';

const QUANTITY: Record<string, string> = {
  'p-scheming': 'p_scheming',
  'reasoning-models-2025': 'p_scheming',
  'selection-bits': 'p_scheming_persona',
  'speed-costs': 'selection_bits_reasoning',
};

const args = process.argv.slice(2);
const modelId = args.find((a) => !a.startsWith('--')) ?? 'p-scheming';
const each = args.includes('--each');
const quantity = QUANTITY[modelId];
if (!quantity) {
  console.error(`no scheming-risk quantity known for '${modelId}'; use one of ${Object.keys(QUANTITY).join(', ')}`);
  process.exit(2);
}

const project = loadProject(MODELS_DIR);
const catalog = loadCatalog(project);
if (!catalog.ok) {
  for (const e of catalog.errors) console.error(`${e.file}:${e.line}:${e.col}: ${e.message}`);
  process.exit(1);
}
const ids = catalog.value.predictions.map((p) => p.id);

const cases: [string, Map<string, Status>][] = [
  ['none resolved', new Map()],
  ['all yes', new Map(ids.map((id) => [id, 'yes' as Status]))],
  ['all no', new Map(ids.map((id) => [id, 'no' as Status]))],
];
if (each) for (const id of ids) for (const o of ['yes', 'no'] as const) cases.push([`${id} ${o}`, new Map([[id, o]])]);

console.log(`${modelId}: ${SAMPLES.toLocaleString('en-US')} samples, seed ${SEED}; ESS counts every applied evidence, the model's own included`);
for (const [label, statuses] of cases) {
  const extraEvidence = evidenceFor(project, catalog.value, statuses, modelId);
  if (statuses.size > 0 && extraEvidence.length === 0) continue; // no prediction bears on this model
  const prepared = prepare(project, modelId, { extraEvidence });
  if (!prepared.ok) {
    for (const e of prepared.errors) console.error(`${e.file}:${e.line}:${e.col}: ${e.message}`);
    process.exit(1);
  }
  const r = prepared.value.run({ samples: SAMPLES, seed: SEED });
  const ess = r.weights ? effectiveSampleSize(r.weights) : r.samples;
  const s = summarize(r.columns[quantity]!, r.weights);
  console.log(
    `${label.padEnd(14)} ESS ${Math.round(ess).toLocaleString('en-US').padStart(7)} (${((100 * ess) / r.samples).toFixed(2).padStart(6)}%)  ${quantity} ${s.mean.toFixed(4)} (mcse ${s.mcse.toFixed(4)})`,
  );
}
