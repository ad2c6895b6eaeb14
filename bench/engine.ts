// Engine benchmark: the reference models M1 and M2 (bench/models/) in Credence (1 and 2
// threads), NumPy, Squiggle and a hand-written loop, each drawing n samples and giving the
// output's mean, sd and 5th/50th/95th percentiles. The tools run interleaved, round by round,
// the order rotating each round, so a change in the machine's load falls on all of them; each
// figure is the median of the rounds, wall and CPU time, with the load average recorded.
// Then 1 vs 2 threads with what the machine did meanwhile (engine-threads.ts), the samplers' cost
// and time to a precision (engine-samplers.ts), Sobol indices of the Ishigami function against
// SALib's estimators on SciPy (engine-sobol.ts) and the command line's memory and threads
// (engine-cli.ts).
//
//   node --import tsx bench/engine.ts [--quick] [--sizes 1e5,1e6,1e7] [--rounds 5]
//     [--squiggle-max 1e6] [--thread-sizes 1e6,1e7] [--cli-samples 1e6,1e7] [--cli-rounds 3]
//     [--sobol-sizes 1024,8192] [--sobol-seeds 200] [--only tools|threads|samplers|sobol|cli]

import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import {
  credence,
  handTool,
  load,
  median,
  ms,
  numpyTool,
  squiggleTool,
  type Timed,
  type Tool,
} from './engine-tools.ts';
import { benchSamplers } from './engine-samplers.ts';
import { describePython, PYTHONS } from './python.ts';
import { benchCli } from './engine-cli.ts';
import { benchThreads } from './engine-threads.ts';
import { benchSobol } from './engine-sobol.ts';

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean' },
    sizes: { type: 'string' },
    rounds: { type: 'string' },
    'squiggle-max': { type: 'string' },
    'thread-sizes': { type: 'string' },
    'cli-samples': { type: 'string' },
    'cli-rounds': { type: 'string' },
    'sobol-sizes': { type: 'string' },
    'sobol-seeds': { type: 'string' },
    only: { type: 'string' },
  },
  strict: false,
});
const list = (s: unknown, dflt: number[]) => (typeof s === 'string' ? s.split(',').map(Number) : dflt);
const quick = values.quick === true;
const SIZES = list(values.sizes, quick ? [1e4, 1e5] : [1e5, 1e6, 1e7]);
const ROUNDS = Math.max(5, Number(values.rounds ?? 5));
const SQUIGGLE_MAX = Number(values['squiggle-max'] ?? 1e6);

const sci = (n: number) => `1e${Math.round(Math.log10(n))}`;

async function benchTools(): Promise<void> {
  const numpy = await numpyTool();
  const c1 = credence(1);
  const c2 = credence(2);
  const hand = handTool();
  const sq = squiggleTool();
  console.log(
    `tools interleaved (order rotating), median of ${ROUNDS} rounds, wall / CPU; Node ${process.version}` +
      (numpy ? `, ${describePython(numpy.python)} (one core)` : ''),
  );
  if (!numpy)
    console.log(
      `  note: no Python with numpy (tried ${PYTHONS.join(', ')}; apt-get install python3-numpy): NumPy left out`,
    );
  console.log(
    'model samples | Credence  ×2 threads  NumPy  Squiggle  hand (wall / CPU) | NumPy CPU ÷ Credence CPU | Credence ×2 wall ÷ NumPy wall | ×2 ÷ ×1 wall | Squiggle CPU ÷ Credence CPU | Credence CPU ÷ hand CPU | load',
  );
  for (const id of ['m1', 'm2']) {
    for (const n of SIZES) {
      const tools: Tool[] = [c1, c2, ...(numpy ? [numpy] : []), ...(n <= SQUIGGLE_MAX ? [sq] : []), hand];
      const got = new Map<Tool, Timed[]>(tools.map((t) => [t, []]));
      // Warm-up at the size measured, once the threads have loaded the engine (from the sources
      // that takes seconds of CPU, which would otherwise fall in the first rounds' figures).
      for (const t of tools) await t.ready?.();
      for (const t of tools) await t.run(id, n, 99);
      const loadBefore = load();
      for (let r = 0; r < ROUNDS; r++)
        for (let k = 0; k < tools.length; k++) {
          const t = tools[(k + r) % tools.length]!;
          got.get(t)!.push(await t.run(id, n, r + 1));
        }
      const med = (t: Tool | null, f: 'wall' | 'cpu') => (t && got.has(t) ? median(got.get(t)!.map((x) => x[f])) : NaN);
      const cell = (t: Tool | null) => (t && got.has(t) ? `${ms(med(t, 'wall'))} / ${ms(med(t, 'cpu'))}` : '—');
      const ratio = (a: number, b: number) => (Number.isFinite(a / b) ? `${(a / b).toFixed(2)}` : '—');
      console.log(
        `${id.toUpperCase()} ${sci(n)} | ${[c1, c2, numpy, n <= SQUIGGLE_MAX ? sq : null, hand].map(cell).join(' | ')} | ` +
          `${ratio(med(numpy, 'cpu'), med(c1, 'cpu'))} | ${ratio(med(c2, 'wall'), med(numpy, 'wall'))} | ` +
          `${ratio(med(c2, 'wall'), med(c1, 'wall'))} | ${ratio(med(sq, 'cpu'), med(c1, 'cpu'))} | ` +
          `${ratio(med(c1, 'cpu'), med(hand, 'cpu'))} | ${loadBefore}→${load()}`,
      );
      checkAgreement(id, n, got);
    }
  }
  for (const t of [c1, c2, numpy, hand]) await t?.close?.();
}

/** The tools draw from different generators: their means must still agree within their errors. */
function checkAgreement(id: string, n: number, got: Map<Tool, Timed[]>): void {
  const firsts = [...got].map(([t, xs]) => [t.name, xs[0]!.stats] as const);
  const [, ref] = firsts[0]!;
  const se = ref[1]! / Math.sqrt(n);
  for (const [name, s] of firsts)
    if (Math.abs(s[0]! - ref[0]!) > 6 * se * Math.SQRT2)
      console.log(
        `  note: ${id} at ${n}: ${name}'s mean ${s[0]} differs from Credence's ${ref[0]} by over 6 standard errors`,
      );
}

const only = typeof values.only === 'string' ? values.only : null;
console.log(
  `load average at start: ${loadavg()
    .map((x) => x.toFixed(2))
    .join(', ')}`,
);
if (!only || only === 'tools') await benchTools();
if (!only || only === 'threads')
  await benchThreads({ sizes: list(values['thread-sizes'], quick ? [1e5] : [1e6, 1e7]), rounds: ROUNDS });
if (!only || only === 'samplers') await benchSamplers({ rounds: ROUNDS, quick });
if (!only || only === 'sobol')
  benchSobol({
    sizes: list(values['sobol-sizes'], quick ? [1024] : [1024, 8192]),
    seeds: Number(values['sobol-seeds'] ?? 200),
  });
if (!only || only === 'cli')
  benchCli({ samples: list(values['cli-samples'], quick ? [1e5] : [1e6]), rounds: Number(values['cli-rounds'] ?? 3) });
