// Prints the table of resolution shifts: P(scheming) in reasoning-models-2025 and p-scheming
// with no prediction resolved, each prediction resolved yes or no alone, and the worst and best
// cases for the 2025 post's optimism, with the shift in probability points and the effective
// sample size, at the CLI's defaults (100,000 samples, seed 1):
//
//   npx tsx test/models/resolution-shifts.ts
//
// resolutions.test.ts pins the directions and bounds these figures show.

import { loadProject } from '../../src/model/project.ts';
import { MODELS_DIR, SAMPLES, SEED } from './helpers.ts';
import { catalogOf, resolutionCases, runCases } from './resolution-cases.ts';

const project = loadProject(MODELS_DIR);
const catalog = catalogOf(project);
const MODELS = ['reasoning-models-2025', 'p-scheming'];
const cases = resolutionCases(catalog);
const results = MODELS.map((m) => runCases(project, catalog, m, 'p_scheming', cases, SAMPLES, SEED));
const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
const pp = (x: number) => `${x >= 0 ? '+' : '−'}${Math.abs(100 * x).toFixed(1)} pp`;
console.log(
  `${SAMPLES.toLocaleString('en-US')} samples, seed ${SEED}: P(scheming) after the resolutions (shift from none resolved; effective sample size)\n`,
);
console.log(`| resolved | ${MODELS.map((m) => `\`${m}\``).join(' | ')} |`);
console.log(`| --- | ${MODELS.map(() => '---').join(' | ')} |`);
cases.forEach((c, k) => {
  const cells = results.map((rs) => {
    const r = rs[k]!;
    return c.statuses.size === 0
      ? `${pct(r.mean)} (ESS ${pct(r.essShare)})`
      : `${pct(r.mean)} (${pp(r.shift)}; ESS ${pct(r.essShare)})`;
  });
  console.log(`| ${c.label} | ${cells.join(' | ')} |`);
});
