// The command line at scale (part of bench/engine.ts): `credence run p-scheming --samples N
// --json --threads T` as a user types it, through GNU time (/usr/bin/time -v), for its peak
// resident memory, CPU time and wall time on 1 and 2 threads (interleaved, median of the
// rounds), and whether both thread counts print the same report. Runs the built command
// (dist/, `npm run build`); builds it first when src/ is newer.

import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { load, median } from './engine-tools.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

function newest(dir: string): number {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true, recursive: true }))
    if (e.isFile()) t = Math.max(t, statSync(join(e.parentPath, e.name)).mtimeMs);
  return t;
}

function ensureBuilt(): void {
  const cli = join(root, 'dist', 'cli.js');
  if (existsSync(cli) && statSync(cli).mtimeMs >= newest(join(root, 'src'))) return;
  console.log('  (building dist/ first: src/ is newer)');
  const b = spawnSync(process.execPath, [join(root, 'bin', 'build.js')], { cwd: root, stdio: 'inherit' });
  if (b.status !== 0) throw new Error('build failed');
}

interface Measured {
  rss: number;
  cpu: number;
  wall: number;
  out: string;
}

function measure(n: number, threads: number): Measured | string {
  const args = ['-v', process.execPath, join(root, 'bin', 'credence.js'), 'run', 'p-scheming'];
  args.push('--samples', String(n), '--json', '--threads', String(threads));
  const r = spawnSync('/usr/bin/time', args, { cwd: root, encoding: 'utf8', maxBuffer: 1 << 28 });
  if (r.error || r.status !== 0) return (r.error?.message ?? r.stderr.trim().split('\n')[0]) || 'failed';
  const field = (name: string) => new RegExp(`${name}[^:]*: (.+)`).exec(r.stderr)?.[1] ?? '';
  const clock = (/Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): ([\d:.]+)/.exec(r.stderr)?.[1] ?? '')
    .split(':')
    .map(Number)
    .reduce((a, b) => a * 60 + b, 0);
  return {
    rss: Number(field('Maximum resident set size')) * 1024,
    cpu: Number(field('User time')) + Number(field('System time')),
    wall: clock,
    out: r.stdout,
  };
}

/** The first line where two reports differ, to say what differed. */
function showDifference(a: string, b: string): void {
  const x = a.split('\n');
  const y = b.split('\n');
  const i = x.findIndex((line, k) => line !== y[k]);
  console.log(
    `  differs at line ${i + 1}: ${x[i]?.trim()} | ${y[i]?.trim()} (near ${x
      .slice(Math.max(0, i - 3), i)
      .join(' ')
      .trim()})`,
  );
}

export function benchCli(opts: { samples: number[]; rounds: number }): void {
  if (!existsSync('/usr/bin/time')) {
    console.log('\ncommand line: GNU time (/usr/bin/time, Debian package "time") not found: left out');
    return;
  }
  ensureBuilt();
  const rounds = Math.max(1, opts.rounds);
  console.log(`\ncredence run p-scheming --samples N --json --threads T (/usr/bin/time -v; median of ${rounds})`);
  console.log('samples | threads | peak RSS | CPU | wall | CPU ÷ wall | same report as 1 thread | load');
  for (const n of opts.samples) {
    const got = new Map<number, Measured[]>([
      [1, []],
      [2, []],
    ]);
    const before = load();
    for (let r = 0; r < rounds; r++)
      for (const t of r % 2 ? [2, 1] : [1, 2]) {
        const m = measure(n, t);
        if (typeof m === 'string') {
          console.log(`${n} | ${t} | failed: ${m}`);
          return;
        }
        got.get(t)!.push(m);
      }
    const after = load();
    for (const [t, ms] of got) {
      const rss = median(ms.map((m) => m.rss));
      const cpu = median(ms.map((m) => m.cpu));
      const wall = median(ms.map((m) => m.wall));
      const same = ms.every((m) => m.out === got.get(1)![0]!.out);
      if (!same) showDifference(got.get(1)![0]!.out, ms.find((m) => m.out !== got.get(1)![0]!.out)!.out);
      console.log(
        `${n.toLocaleString('en-US')} | ${t} | ${(rss / 2 ** 20).toFixed(0)} MB | ${cpu.toFixed(1)} s | ${wall.toFixed(1)} s | ${(cpu / wall).toFixed(2)} | ${same ? 'yes' : 'NO'} | ${before}→${after}`,
      );
    }
    const w1 = median(got.get(1)!.map((m) => m.wall));
    const w2 = median(got.get(2)!.map((m) => m.wall));
    console.log(`  wall with 2 threads ÷ 1 thread at ${n.toLocaleString('en-US')}: ${(w2 / w1).toFixed(2)}`);
  }
}
