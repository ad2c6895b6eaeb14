// Set-up file of the test-suite CPU survey (config.ts): records the CPU time each test file
// costs, its own process and the child processes it waited for (the CLI, `npm`, Chromium's
// browser process but not its renderers, which outlive it), from the file's first import to its
// last after-all hook, one JSON line per file. The reporter adds the machine's busy CPU over the
// whole run, which counts the renderers.

import { appendFileSync, readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { afterAll, expect } from 'vitest';
import { SURVEY_OUT } from './out.ts';

interface Ticks {
  own: number;
  children: number;
}

/** CPU seconds of this process and of its waited-for children (Linux's /proc, else own only). */
function cpuNow(): Ticks {
  try {
    // Fields after the command's closing parenthesis: utime is the 12th, stime, cutime, cstime follow.
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const f = stat
      .slice(stat.lastIndexOf(')') + 2)
      .split(' ')
      .map(Number);
    const hz = 100;
    return { own: (f[11]! + f[12]!) / hz, children: (f[13]! + f[14]!) / hz };
  } catch {
    const u = process.cpuUsage();
    return { own: (u.user + u.system) / 1e6, children: 0 };
  }
}

const start = cpuNow();
const wallStart = performance.now();
// Registered before the file's own hooks, so (hooks run as a stack) it runs after them: the
// browser closed and the servers stopped are in the figure.
afterAll(() => {
  const end = cpuNow();
  const line = {
    file: relative(process.cwd(), expect.getState().testPath ?? '?'),
    own: +(end.own - start.own).toFixed(2),
    children: +(end.children - start.children).toFixed(2),
    wall: +((performance.now() - wallStart) / 1000).toFixed(2),
  };
  appendFileSync(SURVEY_OUT, JSON.stringify(line) + '\n');
});
