// CPU time of a process from /proc/<pid>/stat (user + system, every thread), for benchmarks that
// report CPU beside wall time: CPU is what load from other processes does not inflate.

import { readFileSync } from 'node:fs';

const TICK_MS = 1000 / 100; // USER_HZ on Linux

/** CPU milliseconds the process has used (user + system, all threads), at 10 ms resolution. */
export function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(f[11]) + Number(f[12])) * TICK_MS;
}

/** Wait until the process has used no CPU for 300 ms (the work a response started is done). */
export async function idle(pid: number): Promise<void> {
  let last = cpuMs(pid);
  for (;;) {
    await new Promise((r) => setTimeout(r, 300));
    const now = cpuMs(pid);
    if (now - last < 5) return;
    last = now;
  }
}
