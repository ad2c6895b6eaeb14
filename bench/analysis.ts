// Timings of the sensitivity analyses: `node --import tsx bench/analysis.ts [--reps N]`.
// Each figure is the best of N runs (default 3) after one warm-up run, as wall-clock time and
// as the CPU time of this process (each the best of its own; on a busy machine trust the CPU figure).
// Targets: Sobol for a 12-input model at 8192 base rows under 2 s (also shown at 16384 rows,
// 229,376 evaluations); a 12-input tornado at 100,000 samples under 0.5 s; the crux
// decomposition between the shipped worldviews (p-scheming's scenarios) under 1 s.

import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadProject, type Project } from '../src/model/project.ts';
import { prepare, type Prepared } from '../src/engine/run.ts';
import { formatError, type Result } from '../src/model/errors.ts';
import { sobol } from '../src/analysis/sobol.ts';
import { tornado } from '../src/analysis/tornado.ts';
import { importance } from '../src/analysis/importance.ts';
import { sweep } from '../src/analysis/sweep.ts';
import { grid } from '../src/analysis/grid.ts';
import { threshold } from '../src/analysis/threshold.ts';
import { crux } from '../src/analysis/crux.ts';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const repsArg = process.argv.indexOf('--reps');
const REPS = repsArg > 0 ? Math.max(1, Number(process.argv[repsArg + 1])) : 3;

interface Timing {
  wall: number;
  cpu: number;
}

function time(f: () => unknown): Timing {
  f(); // warm-up
  const best: Timing = { wall: Infinity, cpu: Infinity };
  for (let i = 0; i < REPS; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    f();
    const wall = (performance.now() - t0) / 1000;
    const c = process.cpuUsage(c0);
    best.wall = Math.min(best.wall, wall);
    best.cpu = Math.min(best.cpu, (c.user + c.system) / 1e6);
  }
  return best;
}

function must<T>(r: Result<T>): T {
  if (!r.ok) throw new Error(r.errors.map(formatError).join('\n'));
  return r.value;
}

function load(dir: string): Project {
  const p = loadProject(dir);
  if (p.errors.length) console.warn(p.errors.map(formatError).join('\n'));
  return p;
}

function report(name: string, work: string, t: Timing, target?: number): void {
  const verdict = target === undefined ? '' : `< ${target} s ${t.cpu < target ? 'met' : 'MISSED'} (cpu)`;
  console.log(
    `${name.padEnd(18)} ${work.padEnd(72)} wall ${t.wall.toFixed(3)} s  cpu ${t.cpu.toFixed(3)} s  ${verdict}`,
  );
}

const bench = load(join(ROOT, 'bench', 'models'));
const twelve: Prepared = must(prepare(bench, 'twelve'));
console.log(
  `node ${process.version}, best of ${REPS} after a warm-up; model bench/models/twelve.yaml has ${twelve.inputs.length} inputs\n`,
);

for (const rowsN of [8192, 16384]) {
  const r = must(sobol(twelve, { samples: rowsN, seed: 1 }));
  const t = time(() => sobol(twelve, { samples: rowsN, seed: 1 }));
  report(
    'sobol',
    `${rowsN} base rows, ${r.evaluations.toLocaleString('en-US')} evals, ${r.bootstrap} bootstraps`,
    t,
    2,
  );
}
report(
  'tornado',
  '12 inputs × 2 pins, 100,000 samples',
  time(() => must(tornado(twelve, { samples: 100_000, seed: 1 }))),
  0.5,
);
report(
  'importance',
  '12 inputs, 100,000 samples',
  time(() => must(importance(twelve, { samples: 100_000, seed: 1 }))),
);
report(
  'sweep',
  '12 inputs × 19 points, 20,000 samples',
  time(() => must(sweep(twelve, { samples: 20_000, seed: 1 }))),
);
report(
  'grid',
  '21 × 21 cells, 10,000 samples',
  time(() => must(grid(twelve, { samples: 10_000, seed: 1, inputs: ['count_bits', 'share'] }))),
);
report(
  'threshold',
  '12 inputs, threshold 0.2, 20,000 samples',
  time(() => must(threshold(twelve, { samples: 20_000, seed: 1, threshold: 0.2 }))),
);
{
  const r = must(crux(bench, 'twelve', { scenario: 'optimistic' }, { scenario: 'pessimistic' }, { seed: 1 }));
  const t = time(() => crux(bench, 'twelve', { scenario: 'optimistic' }, { scenario: 'pessimistic' }, { seed: 1 }));
  report(
    'crux (synthetic)',
    `twelve: optimistic → pessimistic (${r.parts.length} inputs, ${r.coalitions} coalitions), ${r.samples.toLocaleString('en-US')}`,
    t,
    1,
  );
}

const shipped = load(join(ROOT, 'models'));
const overall = ['p-scheming'].find((id) => shipped.models.has(id));
if (overall) {
  const views = [null, ...Object.keys(shipped.models.get(overall)!.scenarios)];
  for (let i = 0; i < views.length; i++) {
    for (let j = i + 1; j < views.length; j++) {
      const from = { scenario: views[i]! };
      const to = { scenario: views[j]! };
      const r = must(crux(shipped, overall, from, to, { seed: 1 }));
      const t = time(() => crux(shipped, overall, from, to, { seed: 1 }));
      report(
        'crux',
        `${overall}: ${from.scenario ?? 'default'} → ${to.scenario ?? 'default'} (${r.parts.length} inputs, ${r.coalitions} coalitions), ${r.samples.toLocaleString('en-US')}`,
        t,
        1,
      );
    }
  }
} else {
  console.log('no shipped overall model (models/p-scheming.yaml); the synthetic crux above stands in');
}
