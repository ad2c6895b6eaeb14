// One run on 1 and on 2 threads (part of bench/engine.ts): M1 and M2 summarised by Credence with
// one thread and with two, interleaved round by round (the order alternating), each run's wall
// and CPU time with what the rest of the machine did meanwhile. On a shared machine the ratio of
// wall times says little by itself, so each run also records:
//  - CPU ÷ wall: how many cores the run got on average (two threads can only help above 1);
//  - each thread's CPU (Linux /proc/self/task): how evenly two threads split the work, and so the
//    wall time two free cores would give (the busier thread's CPU, a projection, printed as such);
//  - the machine's idle share and the other processes' CPU (/proc/stat) during the run;
//  - whether the kernel shares the cores between sessions (autogroup): then a session gets its
//    share of the machine whatever its number of threads, and a second thread helps only when
//    there is idle CPU.

import { readFileSync, readdirSync } from 'node:fs';
import { cpus } from 'node:os';
import { credence, load, median, ms, type Timed, type Tool } from './engine-tools.ts';

interface Machine {
  busy: number;
  idle: number;
}

/** Jiffies all cores spent busy and idle since boot (null off Linux). */
function machine(): Machine | null {
  try {
    const f = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
    const idle = f[3]! + (f[4] ?? 0);
    return { busy: f.reduce((a, b) => a + b, 0) - idle, idle };
  } catch {
    return null;
  }
}

/** CPU jiffies of each thread of this process, by thread id. */
function threadTimes(): Map<string, number> {
  const out = new Map<string, number>();
  try {
    for (const tid of readdirSync('/proc/self/task')) {
      const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      out.set(tid, Number(f[11]) + Number(f[12])); // utime, stime (fields 14 and 15)
    }
  } catch {
    /* not Linux: no per-thread times */
  }
  return out;
}

const HZ = 100; // USER_HZ on Linux

interface Round extends Timed {
  /** CPU ms of the two busiest threads during the run. */
  threads: number[];
  /** The machine's idle share and the other processes' CPU (cores) during the run. */
  idleShare: number;
  others: number;
}

async function measured(tool: Tool, model: string, n: number, seed: number): Promise<Round> {
  const m0 = machine();
  const t0 = threadTimes();
  const r = await tool.run(model, n, seed);
  const t1 = threadTimes();
  const m1 = machine();
  const threads = [...t1]
    .map(([tid, j]) => ((j - (t0.get(tid) ?? 0)) * 1000) / HZ)
    .sort((a, b) => b - a)
    .slice(0, 2);
  let idleShare = NaN;
  let others = NaN;
  if (m0 && m1) {
    const busy = ((m1.busy - m0.busy) * 1000) / HZ;
    const idle = ((m1.idle - m0.idle) * 1000) / HZ;
    idleShare = idle / (busy + idle);
    others = Math.max(0, busy - r.cpu) / r.wall;
  }
  return { ...r, threads, idleShare, others };
}

function autogroup(): string {
  try {
    return readFileSync('/proc/sys/kernel/sched_autogroup_enabled', 'utf8').trim() === '1'
      ? 'on: the cores are shared between sessions, not threads'
      : 'off: the cores are shared between threads';
  } catch {
    return 'unknown';
  }
}

export async function benchThreads(opts: { sizes: number[]; rounds: number }): Promise<void> {
  const one = credence(1);
  const two = credence(2);
  await two.ready?.(); // the worker loaded before any round: its start is not the run's
  const rounds = Math.max(5, opts.rounds);
  console.log(
    `\n1 vs 2 threads, interleaved (order alternating), median of ${rounds} rounds; ${cpus().length} cores; kernel autogroup ${autogroup()}`,
  );
  console.log(
    'model samples | 1 thread wall / CPU | 2 threads wall / CPU | ×2 ÷ ×1 wall (rounds) | CPU ÷ wall ×1, ×2 | ×2 busier thread share | ×2 wall on two free cores (projected) ÷ ×1 | idle share ×1, ×2 | other processes (cores) | load',
  );
  for (const id of ['m1', 'm2'])
    for (const n of opts.sizes) {
      await one.run(id, 1e5, 99);
      await two.run(id, 1e5, 99);
      const got = { one: [] as Round[], two: [] as Round[] };
      const before = load();
      for (let r = 0; r < rounds; r++)
        for (const k of r % 2 ? (['two', 'one'] as const) : (['one', 'two'] as const))
          got[k].push(await measured(k === 'one' ? one : two, id, n, r + 1));
      const med = (xs: Round[], f: (x: Round) => number) => median(xs.map(f));
      const w1 = med(got.one, (x) => x.wall);
      const w2 = med(got.two, (x) => x.wall);
      const c1 = med(got.one, (x) => x.cpu);
      const c2 = med(got.two, (x) => x.cpu);
      const perRound = got.two.map((x, i) => (x.wall / got.one[i]!.wall).toFixed(2)).join(' ');
      const busier = med(got.two, (x) => x.threads[0]! / (x.threads[0]! + (x.threads[1] ?? 0)));
      const projected = med(got.two, (x) => x.threads[0]!) / c1;
      const pct = (x: number) => `${(100 * x).toFixed(0)}%`;
      console.log(
        `${id.toUpperCase()} ${n.toExponential(0)} | ${ms(w1)} / ${ms(c1)} | ${ms(w2)} / ${ms(c2)} | ${(w2 / w1).toFixed(2)} (${perRound}) | ` +
          `${(c1 / w1).toFixed(2)}, ${(c2 / w2).toFixed(2)} | ${pct(busier)} | ${projected.toFixed(2)} | ` +
          `${pct(med(got.one, (x) => x.idleShare))}, ${pct(med(got.two, (x) => x.idleShare))} | ` +
          `${med([...got.one, ...got.two], (x) => x.others).toFixed(2)} | ${before}→${load()}`,
      );
    }
  await one.close?.();
  await two.close?.();
}
