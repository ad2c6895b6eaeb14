// Reporter of the test-suite CPU survey: after the run, every file's CPU seconds (its process
// and the children it waited for) and wall seconds, costliest first, with the totals, the
// vitest process's own CPU and the machine's load.

import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { loadavg } from 'node:os';
import type { Reporter } from 'vitest/reporters';
import { SURVEY_OUT } from './out.ts';

interface Line {
  file: string;
  own: number;
  children: number;
  wall: number;
}

/**
 * CPU seconds the whole machine has been busy (Linux's /proc/stat; null elsewhere): every process,
 * Chromium's included, whose renderers outlive the browser process and so are in no file's figure.
 */
function machineBusy(): number | null {
  try {
    const f = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
    // user, nice, system, idle, iowait, irq, softirq: busy is all but idle and iowait.
    return (f[0]! + f[1]! + f[2]! + f[5]! + f[6]!) / 100;
  } catch {
    return null;
  }
}

const loads = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

export default class TestCpuReporter implements Reporter {
  private startWall = 0;
  private startLoad = '';
  private startBusy: number | null = null;

  onInit(): void {
    mkdirSync(dirname(SURVEY_OUT), { recursive: true });
    rmSync(SURVEY_OUT, { force: true });
    this.startWall = performance.now();
    this.startLoad = loads();
    this.startBusy = machineBusy();
  }

  onTestRunEnd(): void {
    let lines: Line[] = [];
    try {
      lines = readFileSync(SURVEY_OUT, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as Line);
    } catch {
      // No file finished: nothing to report.
    }
    lines.sort((a, b) => b.own + b.children - (a.own + a.children));
    const sum = (k: 'own' | 'children' | 'wall') => lines.reduce((s, l) => s + l[k], 0);
    const row = (cpu: string, own: string, ch: string, wall: string, file: string) =>
      `${cpu.padStart(8)} ${own.padStart(8)} ${ch.padStart(8)} ${wall.padStart(8)}  ${file}`;
    const out = [row('cpu s', 'own s', 'child s', 'wall s', 'file')];
    for (const l of lines)
      out.push(
        row((l.own + l.children).toFixed(2), l.own.toFixed(2), l.children.toFixed(2), l.wall.toFixed(2), l.file),
      );
    out.push(
      row(
        (sum('own') + sum('children')).toFixed(1),
        sum('own').toFixed(1),
        sum('children').toFixed(1),
        sum('wall').toFixed(1),
        `${lines.length} files`,
      ),
    );
    const main = process.cpuUsage();
    out.push(`vitest main process: ${((main.user + main.system) / 1e6).toFixed(1)} s CPU`);
    out.push(
      `run wall: ${((performance.now() - this.startWall) / 1000).toFixed(1)} s; load at start ${this.startLoad}, at end ${loads()}`,
    );
    const busy = machineBusy();
    if (busy !== null && this.startBusy !== null)
      out.push(
        `machine busy during the run: ${(busy - this.startBusy).toFixed(1)} s of CPU (every process: Chromium's and anything else running)`,
      );
    console.log('\n' + out.join('\n'));
  }
}
