// The samplers side by side on M1 and M2 (part of bench/engine.ts): CPU time per sample of
// plain Monte Carlo, Latin hypercube and scrambled Sobol' (one thread, interleaved, median of
// the rounds), the variance of the output mean, and the time each takes to a 95% half-width of
// 1e-3 and 1e-4 on the output mean: the smallest n (doubling) at which 1.96 × the spread of the
// mean over 20 seeds is within it, then the CPU time of a run at that n.

import { loadProject } from '../src/model/project.ts';
import { prepare, type Prepared } from '../src/engine/run.ts';
import { MODELS_DIR, credence, load, median, ms, type Tool } from './engine-tools.ts';

type Sampler = 'mc' | 'lhs' | 'sobol';
const SAMPLERS: Sampler[] = ['mc', 'lhs', 'sobol'];
const SEEDS = 20;

function prepared(id: string): Prepared {
  const p = prepare(loadProject(MODELS_DIR), id);
  if (!p.ok) throw new Error(p.errors.map((e) => e.message).join('\n'));
  return p.value;
}

/** 1.96 × the standard deviation of the output mean over SEEDS seeds at n samples. */
function halfWidth(p: Prepared, sampler: Sampler, n: number): number {
  const out = p.graph.output;
  const means = Array.from(
    { length: SEEDS },
    (_, s) => p.summarize({ samples: n, seed: 1000 + s, sampler, only: [out] }).prior[out]!.mean,
  );
  const m = means.reduce((a, b) => a + b, 0) / SEEDS;
  return 1.96 * Math.sqrt(means.reduce((a, b) => a + (b - m) ** 2, 0) / (SEEDS - 1));
}

/** The smallest n = 256 · 2^k whose half-width is within `target`. */
function samplesFor(p: Prepared, sampler: Sampler, target: number, most: number): number | null {
  for (let n = 256; n <= most; n *= 2) if (halfWidth(p, sampler, n) <= target) return n;
  return null;
}

async function cpuOf(tools: Map<Sampler, Tool>, id: string, n: number, rounds: number): Promise<Map<Sampler, number>> {
  const got = new Map<Sampler, number[]>(SAMPLERS.map((s) => [s, []]));
  for (let r = 0; r < rounds; r++)
    for (let k = 0; k < SAMPLERS.length; k++) {
      const s = SAMPLERS[(k + r) % SAMPLERS.length]!;
      got.get(s)!.push((await tools.get(s)!.run(id, n, r + 1)).cpu);
    }
  return new Map(SAMPLERS.map((s) => [s, median(got.get(s)!)]));
}

export async function benchSamplers(opts: { rounds: number; quick: boolean }): Promise<void> {
  const tools = new Map(SAMPLERS.map((s) => [s, credence(1, s)]));
  const n = opts.quick ? 1e5 : 1e6;
  console.log(
    `\nsamplers on one thread (interleaved, median of ${opts.rounds} rounds; half-widths from ${SEEDS} seeds)`,
  );
  console.log(
    `model | CPU per sample at ${n.toLocaleString('en-US')}: mc  lhs  sobol | lhs ÷ mc | sobol ÷ mc | variance of the mean at 65,536, mc ÷ lhs, mc ÷ sobol | load`,
  );
  for (const id of ['m1', 'm2']) {
    for (const t of tools.values()) await t.run(id, 1e4, 99);
    const before = load();
    const cpu = await cpuOf(tools, id, n, opts.rounds);
    const p = prepared(id);
    const v = new Map(SAMPLERS.map((s) => [s, halfWidth(p, s, 65_536) ** 2]));
    const per = (s: Sampler) => `${((cpu.get(s)! / n) * 1e6).toFixed(0)} ns`;
    console.log(
      `${id.toUpperCase()} | ${SAMPLERS.map(per).join('  ')} | ${(cpu.get('lhs')! / cpu.get('mc')!).toFixed(2)} | ` +
        `${(cpu.get('sobol')! / cpu.get('mc')!).toFixed(2)} | ${(v.get('mc')! / v.get('lhs')!).toFixed(1)}x, ` +
        `${(v.get('mc')! / v.get('sobol')!).toFixed(1)}x | ${before}→${load()}`,
    );
  }
  const p = prepared('m2');
  for (const target of [1e-3, 1e-4]) {
    const ns = new Map(SAMPLERS.map((s) => [s, samplesFor(p, s, target, opts.quick ? 2 ** 17 : 2 ** 20)]));
    const parts: string[] = [];
    for (const s of SAMPLERS) {
      const k = ns.get(s);
      if (!k) {
        parts.push(`${s}: not reached`);
        continue;
      }
      const cpus: number[] = [];
      for (let r = 0; r < opts.rounds; r++) cpus.push((await tools.get(s)!.run('m2', k, r + 1)).cpu);
      const cpu = median(cpus);
      parts.push(`${s}: n = ${k.toLocaleString('en-US')}, ${ms(cpu)} CPU`);
    }
    console.log(`M2 to a 95% half-width of ${target} on the output mean: ${parts.join('; ')} (load ${load()})`);
  }
  for (const t of tools.values()) await t.close?.();
}
