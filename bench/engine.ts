// Engine benchmark: the reference models M1 and M2 run through Credence's public API from
// their model files, in Squiggle, as math.js expressions compiled once and evaluated per
// sample, and as a hand-written fused loop (the practical limit on one core). Prints
// samples/second, the ratios, LHS's variance reduction and M2's extra peak memory.
//
//   node --import tsx bench/engine.ts [--quick]

import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { compile } from 'mathjs';
import * as squiggle from '@quri/squiggle-lang';
import { loadProject } from '../src/model/project.ts';
import { prepare } from '../src/engine/run.ts';
import { streamFor, type Stream } from '../src/engine/random.ts';
import { Z90 } from '../src/engine/distributions.ts';
import { mtGamma } from '../src/engine/gamma.ts';

const here = dirname(fileURLToPath(import.meta.url));
const modelsDir = join(here, 'models');
const quick = process.argv.includes('--quick');
const SIZES = quick ? [1e4, 1e5] : [1e4, 1e5, 1e6];
const REPS = quick ? 3 : 5;

type Impl = (n: number, seed: number) => Promise<number> | number;

/** Credence through its public API: the model file loaded once, then prepare, run, mean of the output. */
function credence(id: string): Impl {
  const project = loadProject(modelsDir);
  return (n, seed) => {
    const p = prepare(project, id);
    if (!p.ok) throw new Error(p.errors.map((e) => e.message).join('\n'));
    const r = p.value.run({ samples: n, seed });
    return mean(r.columns[r.output]!);
  };
}

function mean(a: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]!;
  return s / a.length;
}

const SQUIGGLE: Record<string, string> = {
  m1: `p_step = beta(49, 1)
n_steps = SampleSet.map(SampleSet.fromDist(uniform(5, 31)), {|x| floor(x)})
p_base = beta(6, 4)
p_success = p_base * p_step ^ n_steps
mean(p_success)`,
  m2: `b1 = beta(8, 2)
b2 = beta(6, 4)
b3 = beta(5, 5)
b4 = beta(4, 6)
b5 = beta(7, 3)
b6 = beta(3, 7)
a = uniform(0, 100)
b = 10 to 300
y = b1 * b2 * b3 * b4 * b5 * b6 * (1 / (1 + 2 ^ (-(a - b))))
mean(y)`,
};

function squiggleImpl(id: string): Impl {
  return async (n, seed) => {
    const r = await squiggle.run(SQUIGGLE[id]!, {
      environment: { sampleCount: n, xyPointLength: 1000, seed: String(seed) },
    });
    if (!r.result.ok) throw new Error(r.result.value.toString());
    return Number(r.result.value.result.toString());
  };
}

function betaFn(a: number, b: number): (rng: Stream) => number {
  const d0 = a - 1 / 3,
    c0 = 1 / Math.sqrt(9 * d0),
    d1 = b - 1 / 3,
    c1 = 1 / Math.sqrt(9 * d1);
  return (rng) => {
    const x = mtGamma(rng, d0, c0);
    return x / (x + mtGamma(rng, d1, c1));
  };
}

/** math.js: the same expression compiled once by math.js, evaluated sample by sample. */
const MATHJS: Record<string, { expr: string; draw: (rngs: Stream[]) => Record<string, number>; streams: number }> = {
  m1: {
    expr: 'p_base * p_step ^ floor(n_steps)',
    streams: 3,
    draw: (() => {
      const b1 = betaFn(49, 1),
        b2 = betaFn(6, 4);
      return (r: Stream[]) => ({ p_step: b1(r[0]!), n_steps: 5 + 26 * r[1]!.uniform(), p_base: b2(r[2]!) });
    })(),
  },
  m2: {
    expr: 'b1 * b2 * b3 * b4 * b5 * b6 * (1 / (1 + 2 ^ -(a - b)))',
    streams: 8,
    draw: (() => {
      const bs = [betaFn(8, 2), betaFn(6, 4), betaFn(5, 5), betaFn(4, 6), betaFn(7, 3), betaFn(3, 7)];
      const mu = (Math.log(10) + Math.log(300)) / 2,
        sg = (Math.log(300) - Math.log(10)) / (2 * Z90);
      return (r: Stream[]) => ({
        b1: bs[0]!(r[0]!),
        b2: bs[1]!(r[1]!),
        b3: bs[2]!(r[2]!),
        b4: bs[3]!(r[3]!),
        b5: bs[4]!(r[4]!),
        b6: bs[5]!(r[5]!),
        a: 100 * r[6]!.uniform(),
        b: Math.exp(mu + sg * r[7]!.normal()),
      });
    })(),
  },
};

function mathjsImpl(id: string): Impl {
  const spec = MATHJS[id]!;
  const code = compile(spec.expr);
  return (n, seed) => {
    const rngs = Array.from({ length: spec.streams }, (_, k) => streamFor(seed, `s${k}`));
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) out[i] = code.evaluate(spec.draw(rngs)) as number;
    return mean(out);
  };
}

/** The hand-written limit: one fused loop, same samplers, output column only. */
function handImpl(id: string): Impl {
  if (id === 'm1') {
    const b1 = betaFn(49, 1),
      b2 = betaFn(6, 4);
    return (n, seed) => {
      const r0 = streamFor(seed, 'p_step'),
        r1 = streamFor(seed, 'n_steps'),
        r2 = streamFor(seed, 'p_base');
      const out = new Float64Array(n);
      for (let i = 0; i < n; i++) out[i] = b2(r2) * Math.pow(b1(r0), Math.floor(5 + 26 * r1.uniform()));
      return mean(out);
    };
  }
  const bs = [betaFn(8, 2), betaFn(6, 4), betaFn(5, 5), betaFn(4, 6), betaFn(7, 3), betaFn(3, 7)];
  const mu = (Math.log(10) + Math.log(300)) / 2,
    sg = (Math.log(300) - Math.log(10)) / (2 * Z90);
  return (n, seed) => {
    const r = Array.from({ length: 8 }, (_, k) => streamFor(seed, `s${k}`));
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const p = bs[0]!(r[0]!) * bs[1]!(r[1]!) * bs[2]!(r[2]!) * bs[3]!(r[3]!) * bs[4]!(r[4]!) * bs[5]!(r[5]!);
      const a = 100 * r[6]!.uniform();
      const b = Math.exp(mu + sg * r[7]!.normal());
      out[i] = p * (1 / (1 + Math.pow(2, -(a - b))));
    }
    return mean(out);
  };
}

async function time(impl: Impl, n: number, reps: number): Promise<{ ms: number; value: number }> {
  await impl(Math.min(n, 1e4), 99); // warm-up
  const times: number[] = [];
  let value = NaN;
  for (let k = 0; k < reps; k++) {
    const t = performance.now();
    value = await impl(n, k + 1);
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return { ms: times[Math.floor(times.length / 2)]!, value };
}

const fmt = (x: number) => (x >= 1e6 ? `${(x / 1e6).toFixed(2)}M` : `${(x / 1e3).toFixed(0)}k`);

export async function benchEngine(): Promise<void> {
  console.log(`engine throughput (samples/s, median of ${REPS} after a warm-up; Node ${process.version})`);
  console.log('model  samples   credence   squiggle   mathjs     hand       vs squiggle  hand/credence');
  for (const id of ['m1', 'm2']) {
    for (const n of SIZES) {
      const sqReps = n >= 1e6 ? 2 : REPS;
      const c = await time(credence(id), n, REPS);
      const s = await time(squiggleImpl(id), n, sqReps);
      const m = await time(mathjsImpl(id), n, n >= 1e6 ? 2 : REPS);
      const h = await time(handImpl(id), n, REPS);
      const rate = (t: { ms: number }) => (n / t.ms) * 1000;
      console.log(
        `${id.padEnd(6)} ${String(n).padEnd(9)} ${fmt(rate(c)).padEnd(10)} ${fmt(rate(s)).padEnd(10)} ${fmt(rate(m)).padEnd(10)} ${fmt(rate(h)).padEnd(10)} ${(s.ms / c.ms).toFixed(2).padStart(6)}x      ${(c.ms / h.ms).toFixed(2)}x`,
      );
      const spread = Math.abs(c.value - s.value) / Math.abs(s.value);
      if (spread > 0.05)
        console.log(`  note: means differ by ${(spread * 100).toFixed(1)}% (${c.value} vs ${s.value})`);
    }
  }
  lhsVarianceReduction();
  memory();
}

/** Spread of the output mean across 20 seeds at 1e4, plain Monte Carlo against LHS. */
function lhsVarianceReduction(): void {
  const project = loadProject(modelsDir);
  for (const id of ['m1', 'm2']) {
    const p = prepare(project, id);
    if (!p.ok) throw new Error('bench model failed');
    const spread = (sampler: 'mc' | 'lhs') => {
      const ms: number[] = [];
      for (let s = 1; s <= 20; s++) {
        const r = p.value.run({ samples: 1e4, seed: s, sampler });
        ms.push(mean(r.columns[r.output]!));
      }
      const m = ms.reduce((a, b) => a + b, 0) / ms.length;
      return ms.reduce((a, b) => a + (b - m) ** 2, 0) / (ms.length - 1);
    };
    const vmc = spread('mc');
    const vlhs = spread('lhs');
    console.log(
      `LHS variance reduction on ${id} (variance of the mean over 20 seeds at 1e4): ${(vmc / vlhs).toFixed(1)}x`,
    );
  }
}

/** M2 at 1e6 in a fresh process: peak resident memory above the process's baseline. */
function memory(): void {
  const script = `
    import { loadProject } from './src/model/project.ts';
    import { prepare } from './src/engine/run.ts';
    const project = loadProject('bench/models');
    const p = prepare(project, 'm2');
    if (!p.ok) throw new Error('m2');
    p.value.run({ samples: 1000, seed: 1 });
    globalThis.gc?.();
    const base = process.memoryUsage().rss;
    const r = p.value.run({ samples: 1_000_000, seed: 1 });
    const peak = process.resourceUsage().maxRSS * 1024;
    console.log(JSON.stringify({ base, peak, extra: peak - base, n: r.samples }));`;
  const out = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', '--input-type=module', '-e', script], {
    cwd: join(here, '..'),
    encoding: 'utf8',
  });
  if (out.status !== 0) {
    console.log(`memory: failed (${out.stderr.trim().split('\n').pop()})`);
    return;
  }
  const m = JSON.parse(out.stdout.trim().split('\n').pop()!);
  console.log(
    `M2 at 1e6 samples: extra peak memory ${(m.extra / 1048576).toFixed(0)} MB (peak RSS ${(m.peak / 1048576).toFixed(0)} MB, baseline ${(m.base / 1048576).toFixed(0)} MB)`,
  );
}

if (import.meta.url === `file://${process.argv[1]}`) await benchEngine();
