// Sobol indices of the Ishigami function (a = 7, b = 0.1; bench/sobol/ishigami.yaml) at equal
// base rows N on both sides, over 20 seeds: Credence's `sobol` analysis (its Sobol' sampler, and
// plain Monte Carlo) against engine-sobol-reference.py, a re-implementation of SALib's
// estimators on SciPy's scrambled Sobol' sequence (not SALib itself).
// Prints, per input, the mean and the variance over the seeds of S1 and ST on each side, and the
// closed-form values. Without a Python that has numpy and scipy (apt-get install python3-scipy),
// the reference is left out.

import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { loadProject } from '../src/model/project.ts';
import { prepare } from '../src/engine/run.ts';
import { sobol } from '../src/analysis/sobol.ts';
import { describePython, pythonWith, PYTHONS } from './python.ts';
import { streamFor } from '../src/engine/random.ts';

const INPUTS = ['x1', 'x2', 'x3'] as const;

/** Closed forms (Ishigami & Homma 1990; Sobol' & Levitan 1999) for a = 7, b = 0.1. */
export function ishigamiIndices(a = 7, b = 0.1): { S1: number[]; ST: number[] } {
  const pi4 = Math.PI ** 4;
  const pi8 = Math.PI ** 8;
  const v1 = 0.5 * (1 + (b * pi4) / 5) ** 2;
  const v2 = (a * a) / 8;
  const v13 = (8 * b * b * pi8) / 225;
  const v = v1 + v2 + v13; // = a²/8 + bπ⁴/5 + b²π⁸/18 + 1/2
  return { S1: [v1 / v, v2 / v, 0], ST: [(v1 + v13) / v, v2 / v, v13 / v] };
}

type Estimates = { S1: number[]; ST: number[] }[];

function credenceSide(n: number, sampler: 'sobol' | 'mc', seeds: number[]): Estimates {
  const p = prepare(loadProject(join(import.meta.dirname, 'sobol')), 'ishigami');
  if (!p.ok) throw new Error(p.errors.map((e) => e.message).join('\n'));
  return seeds.map((seed) => {
    const r = sobol(p.value, { samples: n, seed, sampler, bootstrap: 0 });
    if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('\n'));
    const row = (x: string) => r.value.rows.find((w) => w.input === x)!;
    return { S1: INPUTS.map((x) => row(x).first), ST: INPUTS.map((x) => row(x).total) };
  });
}

function referenceSide(command: string, n: number, seeds: number[]): Estimates {
  const script = join(import.meta.dirname, 'engine-sobol-reference.py');
  const args = [script, String(n), ...seeds.map(String)];
  const r = spawnSync(command, args, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`the reference failed: ${r.stderr}`);
  return r.stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as { S1: number[]; ST: number[] });
}

const meanOf = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const varianceOf = (xs: number[]) => {
  const m = meanOf(xs);
  return xs.reduce((a, b) => a + (b - m) ** 2, 0) / (xs.length - 1);
};

/**
 * var(xs) ÷ var(ys) and its 95% percentile bootstrap interval, the seeds of each side resampled
 * apart (2,000 resamples): the variance of a scrambled design over seeds is far from normal, so an
 * F distribution would understate how uncertain the ratio is.
 */
export function varianceRatio(xs: number[], ys: number[]): { ratio: number; lo: number; hi: number } {
  const rng = streamFor(1, 'bench:sobol-ratio');
  const pick = (v: number[]) => Array.from(v, () => v[Math.floor(rng.uniform() * v.length)]!);
  const reps = Array.from({ length: 2000 }, () => varianceOf(pick(xs)) / varianceOf(pick(ys))).sort((a, b) => a - b);
  return { ratio: varianceOf(xs) / varianceOf(ys), lo: reps[49]!, hi: reps[1949]! };
}

function printSide(n: number, name: string, est: Estimates): void {
  for (const index of ['S1', 'ST'] as const) {
    const cells = INPUTS.map((_, i) => {
      const xs = est.map((e) => e[index][i]!);
      return `${meanOf(xs).toFixed(4)} (${varianceOf(xs).toExponential(2)})`;
    });
    console.log(`${n} | ${name} | ${index} | ${cells.join(' | ')}`);
  }
}

/** Per cell, Credence's variance ÷ the reference's, its interval, and whether it is worse beyond its error. */
function printRatios(n: number, ours: Estimates, ref: Estimates): void {
  for (const index of ['S1', 'ST'] as const) {
    const cells = INPUTS.map((_, i) => {
      const r = varianceRatio(
        ours.map((e) => e[index][i]!),
        ref.map((e) => e[index][i]!),
      );
      const verdict = r.lo > 1 ? ' worse' : r.hi < 1 ? ' better' : '';
      return `${r.ratio.toFixed(2)} [${r.lo.toFixed(2)}, ${r.hi.toFixed(2)}]${verdict}`;
    });
    console.log(`${n} | Credence ÷ reference | ${index} | ${cells.join(' | ')}`);
  }
}

export function benchSobol(opts: { sizes: number[]; seeds: number }): void {
  const seeds = Array.from({ length: opts.seeds }, (_, s) => 1 + s);
  const python = pythonWith(['numpy', 'scipy']);
  const exact = ishigamiIndices();
  console.log(
    `\nSobol indices of Ishigami (a = 7, b = 0.1), ${seeds.length} seeds at each N: mean and variance over the seeds;` +
      ` closed form S1 ${exact.S1.map((x) => x.toFixed(4)).join(', ')}; ST ${exact.ST.map((x) => x.toFixed(4)).join(', ')}`,
  );
  if (python)
    console.log(
      `  reference: SALib's estimators re-implemented on SciPy's scrambled Sobol' (${describePython(python)});` +
        ' ratios of variances with 95% bootstrap intervals over the seeds',
    );
  else
    console.log(
      `  note: no Python with numpy and scipy (tried ${PYTHONS.join(', ')}; apt-get install python3-scipy): the reference is left out`,
    );
  console.log('N | side | index | x1 mean (variance) | x2 mean (variance) | x3 mean (variance)');
  for (const n of opts.sizes) {
    const ours = credenceSide(n, 'sobol', seeds);
    printSide(n, "Credence, Sobol' sampler", ours);
    printSide(n, 'Credence, Monte Carlo', credenceSide(n, 'mc', seeds));
    if (!python) continue;
    const ref = referenceSide(python.command, n, seeds);
    printSide(n, "SALib estimators on SciPy Sobol'", ref);
    printRatios(n, ours, ref);
  }
}
