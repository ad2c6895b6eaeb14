// Sobol indices of the Ishigami function (a = 7, b = 0.1; bench/sobol/ishigami.yaml) at equal
// base rows N on both sides, over 20 seeds: Credence's `sobol` analysis (its Sobol' sampler, and
// plain Monte Carlo) against engine-sobol-reference.py, a re-implementation of SALib's
// estimators on SciPy's scrambled Sobol' sequence (not SALib itself), and the same with SciPy's
// unscrambled points under Credence's scramble (the scramble's share apart from the rest).
// Prints, per input, the mean and the variance over the seeds of S1 and ST on each side, and the
// closed-form values. Without a Python that has numpy and scipy (apt-get install python3-scipy),
// the reference is left out.

import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { loadProject } from '../src/model/project.ts';
import { prepare } from '../src/engine/run.ts';
import { sobol } from '../src/analysis/sobol.ts';
import { describePython, pythonWith, PYTHONS } from './python.ts';

const INPUTS = ['x1', 'x2', 'x3'] as const;
const SEEDS = Array.from({ length: 20 }, (_, s) => 1 + s);

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

function credenceSide(n: number, sampler: 'sobol' | 'mc'): Estimates {
  const p = prepare(loadProject(join(import.meta.dirname, 'sobol')), 'ishigami');
  if (!p.ok) throw new Error(p.errors.map((e) => e.message).join('\n'));
  return SEEDS.map((seed) => {
    const r = sobol(p.value, { samples: n, seed, sampler, bootstrap: 0 });
    if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('\n'));
    const row = (x: string) => r.value.rows.find((w) => w.input === x)!;
    return { S1: INPUTS.map((x) => row(x).first), ST: INPUTS.map((x) => row(x).total) };
  });
}

/** The reference; `hashed`: SciPy's unscrambled points under Credence's scramble instead of SciPy's. */
function referenceSide(command: string, n: number, hashed = false): Estimates {
  const script = join(import.meta.dirname, 'engine-sobol-reference.py');
  const args = [script, ...(hashed ? ['--hashed'] : []), String(n), ...SEEDS.map(String)];
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

export function benchSobol(opts: { sizes: number[] }): void {
  const python = pythonWith(['numpy', 'scipy']);
  const exact = ishigamiIndices();
  console.log(
    `\nSobol indices of Ishigami (a = 7, b = 0.1), ${SEEDS.length} seeds at each N: mean and variance over the seeds;` +
      ` closed form S1 ${exact.S1.map((x) => x.toFixed(4)).join(', ')}; ST ${exact.ST.map((x) => x.toFixed(4)).join(', ')}`,
  );
  if (python)
    console.log(
      `  reference: SALib's estimators re-implemented on SciPy's scrambled Sobol' (${describePython(python)})`,
    );
  else
    console.log(
      `  note: no Python with numpy and scipy (tried ${PYTHONS.join(', ')}; apt-get install python3-scipy): the reference is left out`,
    );
  console.log('N | side | index | x1 mean (variance) | x2 mean (variance) | x3 mean (variance)');
  for (const n of opts.sizes) {
    const sides: [string, Estimates][] = [
      ["Credence, Sobol' sampler", credenceSide(n, 'sobol')],
      ['Credence, Monte Carlo', credenceSide(n, 'mc')],
      ...(python
        ? ([
            ["SALib estimators on SciPy Sobol'", referenceSide(python.command, n)],
            ["the same, Credence's scramble", referenceSide(python.command, n, true)],
          ] as [string, Estimates][])
        : []),
    ];
    for (const [name, est] of sides)
      for (const index of ['S1', 'ST'] as const) {
        const cells = INPUTS.map((_, i) => {
          const xs = est.map((e) => e[index][i]!);
          return `${meanOf(xs).toFixed(4)} (${varianceOf(xs).toExponential(2)})`;
        });
        console.log(`${n} | ${name} | ${index} | ${cells.join(' | ')}`);
      }
  }
}
