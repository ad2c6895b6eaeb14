// The kinds of expensive request bench/flood.ts floods with, each the next request of one client
// (its status returned): large CSV downloads, long unknown names in `set.`, million-sample runs,
// cold pages of every model, Sobol indices, and rewrites of a model file as large as the loader
// lets through (someone who can write to models/), each followed by a request that sees it.

import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Client } from './flood-client.ts';

export interface FloodKind {
  /** Short name, for FLOOD_KINDS. */
  key: string;
  name: string;
  /** Make request `i` of the flood; its status. */
  next(c: Client, i: number): Promise<number>;
  /** Requests in flight at once (default: the benchmark's). */
  inFlight?: number;
  setUp?(modelsDir: string): void | Promise<void>;
  tearDown?(modelsDir: string): void | Promise<void>;
}

const MODELS = [
  'p-scheming',
  'carlsmith-conjunctive',
  'counting-argument',
  'evidence-2025',
  'iterative-chain',
  'reasoning-models-2025',
  'selection-bits',
  'speed-costs',
];

const lines = (n: number, f: (i: number) => string) => Array.from({ length: n }, (_, i) => f(i)).join('\n');

/** About 44,000 quantities in just under 1 MB: the largest valid model the loader's limits let through. */
const wide = (variant: number) =>
  `title: wide ${variant}\ninputs:\n${lines(22000, (i) => `  x${i}: uniform(0, 1)`)}\nnodes:\n${lines(22000, (i) => `  y${i}: x${i} * 2`)}\noutput: y0\n`;

export function floodKinds(): FloodKind[] {
  let modelsDir = '';
  return [
    { key: 'none', name: 'none', next: async () => 0 },
    {
      key: 'csv',
      name: 'samples.csv, 200,000 samples',
      next: (c, i) => c.get(`/api/models/p-scheming/samples.csv?samples=200000&seed=${100 + i}`),
    },
    {
      key: 'names',
      name: 'set.<long unknown name> on a page',
      next: (c, i) =>
        c.get(
          i % 2 === 0
            ? `/models/p-scheming?set.${'q'.repeat(14_000)}=1`
            : `/models/p-scheming?set.${'unknown_'.repeat(25)}${i}=1`,
        ),
    },
    {
      key: 'runs',
      name: 'run, 1,000,000 samples',
      next: (c, i) => c.get(`/api/models/p-scheming/run?samples=1000000&seed=${100 + i}`),
    },
    {
      key: 'pages',
      name: 'cold model pages',
      next: (c, i) => c.get(`/models/${MODELS[i % MODELS.length]}?seed=${100 + i}`),
    },
    {
      key: 'sobol',
      name: 'Sobol indices',
      next: (c, i) => c.get(`/api/models/p-scheming/sensitivity?method=sobol&seed=${100 + i}`),
    },
    {
      key: 'reload',
      name: 'a 44,000-quantity model file rewritten',
      inFlight: 1,
      setUp: (dir) => void (modelsDir = dir),
      next: (c, i) => {
        writeFileSync(join(modelsDir, 'wide.yaml'), wide(i));
        return c.get('/api/models');
      },
      tearDown: (dir) => rmSync(join(dir, 'wide.yaml'), { force: true }),
    },
  ];
}
