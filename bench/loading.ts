// Hostile model folders through the two ways in: `credence check` / `credence run` on the command
// line, and the server loading the folder (start, then a page of the hostile model and of a good
// one beside it). Each case runs in its own process, which reports its wall and CPU time and its
// peak resident memory; the figures are printed, nothing passes or fails. The folders are those
// an attacker with write access to models/ tried: long chains, long import chains, a 200,000-
// character key with a 19,000-character name, import diamonds, thousands of errors in one file.
//
//   npm run bench -- loading           every case, CLI and server
//   node --import tsx bench/loading.ts chain-5000   one case

import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const lines = (n: number, f: (i: number) => string) => Array.from({ length: n }, (_, i) => f(i)).join('\n');
const GOOD = 'title: good\ninputs:\n  p: beta(2, 2)\noutput: p\n';

interface Case {
  files: () => Record<string, string>;
  /** The model whose page the server is asked for, and a CLI command beside `check`. */
  model: string;
  run?: string[];
  sparse?: number;
}

const chain = (n: number) => (i: number) =>
  `title: t\n${i < n - 1 ? `imports:\n  c: m${i + 1}\n` : ''}inputs:\n  x: 1\nnodes:\n  y: x${i < n - 1 ? ' + c.y' : ''}\noutput: y\n`;

const CASES: Record<string, Case> = {
  // The good model alone: what starting the CLI or the server costs before any hostile file.
  baseline: { files: () => ({}), model: 'good', run: ['run', 'good', '--samples', '1000', '--json'] },
  'chain-5000': {
    files: () => ({
      'm.yaml': `title: t\nnodes:\n  n0: 1\n${lines(4999, (i) => `  n${i + 1}: n${i} + 1`)}\noutput: n4999\n`,
    }),
    model: 'm',
    run: ['run', 'm', '--samples', '1000', '--json'],
  },
  'cycle-5000': {
    files: () => ({
      'm.yaml': `title: t\nnodes:\n  n0: n4999\n${lines(4999, (i) => `  n${i + 1}: n${i} + 1`)}\noutput: n0\n`,
    }),
    model: 'm',
  },
  'imports-1500': {
    files: () => Object.fromEntries(Array.from({ length: 1500 }, (_, i) => [`m${i}.yaml`, chain(1500)(i)])),
    model: 'm0',
  },
  'imports-3000': {
    files: () => Object.fromEntries(Array.from({ length: 3000 }, (_, i) => [`m${i}.yaml`, chain(3000)(i)])),
    model: 'm0',
  },
  'long-key-and-name': {
    files: () => ({
      'm.yaml': `title: t\ninputs:\n  ${'k'.repeat(200_000)}: 1\n  a: 1\nnodes:\n  b: a + ${'z'.repeat(19_000)}\noutput: b\n`,
    }),
    model: 'm',
  },
  'diamond-60': {
    files: () =>
      Object.fromEntries(
        Array.from({ length: 60 }, (_, k) => [
          `d${k}.yaml`,
          k < 59
            ? `title: t\nimports:\n  a: d${k + 1}\n  b: d${k + 1}\ninputs:\n  x: 1\nnodes:\n  y: x + a.y + b.y\noutput: y\n`
            : 'title: t\ninputs:\n  x: 1\nnodes:\n  y: x\noutput: y\n',
        ]),
      ),
    model: 'd0',
    run: ['run', 'd50', '--samples', '1000', '--json'],
  },
  'flow-150kb': {
    files: () => ({
      'm.yaml': `title: t\ninputs:\n  a: { ${lines(5000, (i) => `k${i}: f(1, 2)`).replace(/\n/g, ', ')} }\noutput: a\n`,
    }),
    model: 'm',
  },
  'unknown-5000': {
    files: () => ({
      'm.yaml': `title: t\ninputs:\n${lines(25000, (i) => `  x${i}: 1`)}\nnodes:\n  y: ${lines(5000, (i) => `u${i}`).replace(/\n/g, ' + ')}\noutput: y\n`,
    }),
    model: 'm',
  },
  'valid-25000': {
    files: () => ({
      'm.yaml': `title: t\ninputs:\n${lines(12500, (i) => `  x${i}: uniform(0, 1)`)}\nnodes:\n${lines(12500, (i) => `  y${i}: x${i} + ${i === 0 ? 0 : `y${i - 1}`}`)}\noutput: y12499\n`,
    }),
    model: 'm',
    run: ['run', 'm', '--samples', '1000', '--json'],
  },
  'sparse-400mb': { files: () => ({}), model: 'big', sparse: 400_000_000 },
};

/** One measurement in this process: what happened, and what it cost. */
async function child(name: string, how: string, dir: string): Promise<void> {
  const c = CASES[name]!;
  const wall = performance.now();
  const cpu = process.cpuUsage();
  let outcome: string;
  if (how === 'server') {
    const { serve } = await import('../src/web/server.ts');
    const s = await serve(
      { port: 0, modelsDir: join(dir, 'models'), db: join(dir, 'credence.db') },
      { LOG_LEVEL: 'silent' },
    );
    const started = performance.now() - wall;
    const get = async (path: string) => {
      const t = performance.now();
      const r = await fetch(new URL(path, s.url));
      await r.arrayBuffer();
      return `${path} ${r.status} in ${(performance.now() - t).toFixed(0)} ms`;
    };
    outcome = [
      `ready in ${started.toFixed(0)} ms`,
      await get('/healthz'),
      await get(`/models/${c.model}`),
      await get('/models/good'),
    ].join('; ');
    await s.close();
  } else {
    const { main } = await import('../src/main/credence.ts');
    const out: string[] = [];
    const io = {
      out: (l: string) => out.push(l),
      err: (l: string) => out.push(l),
      modelsDir: join(dir, 'models'),
      dbPath: join(dir, 'credence.db'),
      dbNamed: true,
    };
    const argv = how === 'check' ? ['check'] : c.run!;
    const code = await main(argv, io);
    const text = out.join('\n').split('\n');
    outcome = `exit ${code}, ${text.length} lines; ${text[0]!.replace(`${dir}/`, '').slice(0, 110)}`;
  }
  const used = process.cpuUsage(cpu);
  const rss = process.resourceUsage().maxRSS / 1024;
  console.log(
    `${name.padEnd(18)} ${how.padEnd(6)} wall ${((performance.now() - wall) / 1000).toFixed(2).padStart(6)} s  cpu ${((used.user + used.system) / 1e6).toFixed(2).padStart(6)} s  peak RSS ${rss.toFixed(0).padStart(5)} MB  ${outcome}`,
  );
}

function parent(names: string[]): void {
  const load = (globalThis.process.platform === 'linux' ? spawnSync('uptime', { encoding: 'utf8' }).stdout : '').trim();
  console.log(`load: ${load}`);
  const self = fileURLToPath(import.meta.url);
  for (const name of names) {
    const dir = mkdtempSync(join(tmpdir(), 'credence-loading-'));
    const models = join(dir, 'models');
    spawnSync('mkdir', ['-p', models]);
    writeFileSync(join(models, 'good.yaml'), GOOD);
    for (const [file, text] of Object.entries(CASES[name]!.files())) writeFileSync(join(models, file), text);
    if (CASES[name]!.sparse) {
      writeFileSync(join(models, 'big.yaml'), '');
      truncateSync(join(models, 'big.yaml'), CASES[name]!.sparse);
    }
    for (const how of ['check', ...(CASES[name]!.run ? ['run'] : []), 'server']) {
      // A child per measurement, with a heap cap: running out of it is a finding, not a hang.
      const r = spawnSync(
        process.execPath,
        ['--max-old-space-size=2048', '--import', 'tsx', self, '--child', name, how, dir],
        {
          stdio: ['ignore', 'inherit', 'inherit'],
          timeout: 300_000,
        },
      );
      if (r.status !== 0)
        console.log(`${name.padEnd(18)} ${how.padEnd(6)} FAILED: status ${r.status}, signal ${r.signal}`);
    }
    rmSync(dir, { recursive: true, force: true });
  }
}

const args = process.argv.slice(2);
if (args[0] === '--child') {
  await child(args[1]!, args[2]!, args[3]!);
  process.exit(0); // the server's workers and the store's handles would otherwise keep it alive
} else {
  const names = args.filter((a) => !a.startsWith('-'));
  const unknown = names.filter((n) => !(n in CASES));
  if (unknown.length) {
    console.error(`unknown case ${unknown.join(', ')}; choose from ${Object.keys(CASES).join(', ')}`);
    process.exit(2);
  }
  parent(names.length ? names : Object.keys(CASES));
}
