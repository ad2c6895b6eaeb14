// Which Python a benchmark runs its NumPy or SciPy side on: Debian's /usr/bin/python3 when it has
// the modules (apt's python3-numpy, python3-scipy: what a reader on Debian installs), else
// python3 on PATH. Says which interpreter and which versions it found, so a printed figure names
// what produced it.

import { spawnSync } from 'node:child_process';

export const PYTHONS = ['/usr/bin/python3', 'python3'] as const;

export interface Python {
  /** The command to run. */
  command: string;
  /** The interpreter's own path (sys.executable). */
  executable: string;
  /** module → its __version__. */
  versions: Record<string, string>;
}

/** The first of PYTHONS that imports every module in `modules`, or null. */
export function pythonWith(modules: readonly string[], candidates: readonly string[] = PYTHONS): Python | null {
  const code = [
    'import json, sys, importlib',
    `mods = ${JSON.stringify(modules)}`,
    'print(json.dumps({"executable": sys.executable, "versions": {m: importlib.import_module(m).__version__ for m in mods}}))',
  ].join('\n');
  for (const command of candidates) {
    const r = spawnSync(command, ['-c', code], { encoding: 'utf8' });
    if (r.status !== 0 || r.error) continue;
    const found = JSON.parse(r.stdout) as { executable: string; versions: Record<string, string> };
    return { command, ...found };
  }
  return null;
}

/** "NumPy 1.24.2 on /usr/bin/python3" */
export const describePython = (p: Python) =>
  `${Object.entries(p.versions)
    .map(([m, v]) => `${m === 'numpy' ? 'NumPy' : m === 'scipy' ? 'SciPy' : m} ${v}`)
    .join(', ')} on ${p.executable}`;
