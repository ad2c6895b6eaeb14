// The sides of the engine benchmark (bench/engine.ts), each computing the same thing for the
// reference models M1 and M2 (bench/models/): draw n samples of the output and give its mean,
// standard deviation and 5th, 50th and 95th percentiles. Each returns its wall and CPU time in
// milliseconds: Credence (its public API from the model file, on 1 thread or on 2), Squiggle
// (`@quri/squiggle-lang`, its builtin `floor`), NumPy (a persistent Python process, Debian's
// python3 first, timed by itself) and a hand-written loop with the gamma step inlined (the
// practical limit on a core).

import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { loadavg } from 'node:os';
import { createInterface } from 'node:readline';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as squiggle from '@quri/squiggle-lang';
import { loadProject } from '../src/model/project.ts';
import { prepare } from '../src/engine/run.ts';
import { EngineThreads } from '../src/engine/threads.ts';
import { streamFor, type Stream } from '../src/engine/random.ts';
import { Z90 } from '../src/engine/distributions.ts';
import { quantilesInPlace } from '../src/stats/select.ts';
import { pythonWith, type Python } from './python.ts';

const here = dirname(fileURLToPath(import.meta.url));
export const MODELS_DIR = join(here, 'models');

export const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
export const load = () => loadavg()[0]!.toFixed(1);
export const ms = (x: number) => (x >= 1e4 ? `${(x / 1000).toFixed(1)} s` : `${x.toFixed(x >= 100 ? 0 : 1)} ms`);

export interface Timed {
  wall: number;
  cpu: number;
  /** mean, sd, p5, p50, p95 of the output. */
  stats: number[];
}

export interface Tool {
  name: string;
  run(model: string, n: number, seed: number): Promise<Timed>;
  /** Resolves once the tool can run at full speed (its threads started and loaded). */
  ready?(): Promise<void>;
  close?(): Promise<void>;
}

/** Wall and CPU time (every thread of this process) of `f`. */
async function timed(f: () => number[] | Promise<number[]>): Promise<Timed> {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const stats = await f();
  const wall = performance.now() - t0;
  const c = process.cpuUsage(c0);
  return { wall, cpu: (c.user + c.system) / 1000, stats };
}

/** Credence through its public API, summarising the output on `threads` threads. */
export function credence(threads: number, sampler: 'mc' | 'lhs' | 'sobol' = 'mc'): Tool {
  const project = loadProject(MODELS_DIR);
  const pool = new EngineThreads(threads);
  return {
    name: threads === 1 ? `Credence${sampler === 'mc' ? '' : ` ${sampler}`}` : `Credence ×${threads}`,
    run: (id, n, seed) =>
      timed(() => {
        const p = prepare(project, id);
        if (!p.ok) throw new Error(p.errors.map((e) => e.message).join('\n'));
        const { graph, plan } = p.value;
        const s = p.value.summarize({ samples: n, seed, sampler, only: [graph.output] }, pool.executor(graph, plan));
        const o = s.prior[graph.output]!;
        return [o.mean, o.sd, o.p5, o.p50, o.p95];
      }),
    ready: () => pool.ready(),
    close: () => pool.close(),
  };
}

const SQUIGGLE: Record<string, string> = {
  m1: `p_step = beta(49, 1)
n_steps = SampleSet.fromDist(uniform(5, 31)) -> SampleSet.map(floor)
p_base = beta(6, 4)
y = p_base * p_step ^ n_steps`,
  m2: `y = beta(8, 2) * beta(6, 4) * beta(5, 5) * beta(4, 6) * beta(7, 3) * beta(3, 7) * (1 / (1 + 2 ^ (-(uniform(0, 100) - (10 to 300)))))`,
};

export function squiggleTool(): Tool {
  return {
    name: 'Squiggle',
    run: (id, n, seed) =>
      timed(async () => {
        const code = `${SQUIGGLE[id]}\n[mean(y), stdev(y), quantile(y, 0.05), quantile(y, 0.5), quantile(y, 0.95)]`;
        const r = await squiggle.run(code, {
          environment: { sampleCount: n, xyPointLength: 1000, seed: String(seed) },
        });
        if (!r.result.ok) throw new Error(r.result.value.toString());
        return JSON.parse(r.result.value.result.toString()) as number[];
      }),
  };
}

/** NumPy in a Python child that stays up (python.ts picks which); null when none has numpy. */
export async function numpyTool(): Promise<(Tool & { version: string; python: Python }) | null> {
  const python = pythonWith(['numpy']);
  if (!python) return null;
  const child: ChildProcessWithoutNullStreams = spawn(python.command, [join(here, 'engine-numpy.py')]);
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const next = async () => JSON.parse(((await lines.next()).value as string | undefined) ?? 'null') as unknown;
  const hello = (await next()) as { numpy: string };
  return {
    name: 'NumPy',
    version: hello.numpy,
    python,
    run: async (id, n, seed) => {
      child.stdin.write(`${id} ${n} ${seed}\n`);
      return (await next()) as Timed;
    },
    close: async () => {
      child.stdin.end();
      await new Promise((r) => child.once('exit', r));
    },
  };
}

function summary(y: Float64Array): number[] {
  let s = 0;
  for (let i = 0; i < y.length; i++) s += y[i]!;
  const mean = s / y.length;
  let ss = 0;
  for (let i = 0; i < y.length; i++) ss += (y[i]! - mean) ** 2;
  return [mean, Math.sqrt(ss / (y.length - 1)), ...quantilesInPlace(y, [0.05, 0.5, 0.95])];
}

/** Beta(a, b) for shapes ≥ 1 as a ratio of Marsaglia–Tsang gammas, every step written out here. */
function beta(r: Stream, a: number, b: number): number {
  let x = 0;
  for (let k = 0; k < 2; k++) {
    const d = (k === 0 ? a : b) - 1 / 3;
    const c = 1 / Math.sqrt(9 * d);
    let g: number;
    for (;;) {
      let z: number;
      let v: number;
      do {
        z = r.normal();
        v = 1 + c * z;
      } while (v <= 0);
      v = v * v * v;
      const u = r.uniform32();
      const z2 = z * z;
      if (u < 1 - 0.0331 * z2 * z2 || Math.log(u) < 0.5 * z2 + d * (1 - v + Math.log(v))) {
        g = d * v;
        break;
      }
    }
    if (k === 0) x = g;
    else return x / (x + g);
  }
  return NaN;
}

export function handTool(): Tool {
  const mu = (Math.log(10) + Math.log(300)) / 2;
  const sg = (Math.log(300) - Math.log(10)) / (2 * Z90);
  const loops: Record<string, (n: number, seed: number) => Float64Array> = {
    m1: (n, seed) => {
      const r0 = streamFor(seed, 'p_step');
      const r1 = streamFor(seed, 'n_steps');
      const r2 = streamFor(seed, 'p_base');
      const y = new Float64Array(n);
      for (let i = 0; i < n; i++) y[i] = beta(r2, 6, 4) * Math.pow(beta(r0, 49, 1), Math.floor(5 + 26 * r1.uniform()));
      return y;
    },
    m2: (n, seed) => {
      const r = Array.from({ length: 8 }, (_, k) => streamFor(seed, `s${k}`));
      const y = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        const p =
          beta(r[0]!, 8, 2) *
          beta(r[1]!, 6, 4) *
          beta(r[2]!, 5, 5) *
          beta(r[3]!, 4, 6) *
          beta(r[4]!, 7, 3) *
          beta(r[5]!, 3, 7);
        const a = 100 * r[6]!.uniform();
        const b = Math.exp(mu + sg * r[7]!.normal());
        y[i] = p * (1 / (1 + Math.pow(2, -(a - b))));
      }
      return y;
    },
  };
  return { name: 'hand', run: (id, n, seed) => timed(() => summary(loops[id]!(n, seed))) };
}
