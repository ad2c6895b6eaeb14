// The checks `npm test` runs before vitest: the type check, eslint and prettier, started
// together. Each is one thread, so side by side on two cores they take about as long as the
// type check alone, where one after another they took the three's sum. Each one's output is
// printed whole when it ends (never interleaved), and the script fails when any of them fails.
//   node --import tsx scripts/checks.ts
// Their results are kept in node_modules/.cache/, so a second run checks only what changed.

import { spawn } from 'node:child_process';
import { resolve } from 'node:path';

const CHECKS: [bin: string, args: string[]][] = [
  [
    'tsc',
    ['--noEmit', '-p', '.', '--incremental', '--tsBuildInfoFile', 'node_modules/.cache/credence/tsc.tsbuildinfo'],
  ],
  ['eslint', ['.', '--cache', '--cache-location', 'node_modules/.cache/eslint/']],
  ['prettier', ['--check', '.', '--log-level', 'warn', '--cache', '--cache-strategy', 'content']],
];

/** Run `bin` from node_modules/.bin; resolves to its exit code (1 when it could not start or was killed). */
function check(bin: string, args: string[]): Promise<number> {
  return new Promise((done) => {
    const out: Buffer[] = [];
    const child = spawn(resolve('node_modules/.bin', bin), args, { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => out.push(b));
    child.on('error', (e) => out.push(Buffer.from(`${e.message}\n`)));
    child.on('close', (code) => {
      const text = Buffer.concat(out).toString();
      const status = code ?? 1;
      if (status !== 0 || text.trim() !== '') {
        process.stdout.write(`${status === 0 ? '' : `${bin} failed (exit code ${status}):\n`}${text}`);
      }
      done(status);
    });
  });
}

const codes = await Promise.all(CHECKS.map(([bin, args]) => check(bin, args)));
process.exitCode = codes.find((c) => c !== 0) ?? 0;
