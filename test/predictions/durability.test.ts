// Separate processes writing to one database file: acknowledged writes survive SIGKILL, and 50
// concurrent writers are all recorded in one consistent order.

import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../../src/predictions/db.ts';
import { predictionState } from '../../src/predictions/store.ts';
import { cleanup, tempDir, REPO } from './helpers.ts';
import { bundleWriter, type Bundle } from './fixtures/bundle.ts';

afterEach(cleanup);

// Every writer process, the one killed and the fifty racing, runs the writer bundled once for
// the file: under `--import tsx` each would compile the sources again, and fifty of them spend
// most of their time doing so (the code is the same; only the loading differs).
let bundleDir: string;
let bundle: Bundle;
beforeAll(() => {
  bundleDir = mkdtempSync(join(tmpdir(), 'credence-writer-'));
  bundle = bundleWriter(bundleDir);
});
afterAll(() => rmSync(bundleDir, { recursive: true, force: true }));

function writer(args: string[]): ChildProcess {
  return spawn(process.execPath, [bundle.file, ...args], {
    cwd: REPO,
    env: bundle.env,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
}

function exited(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null)
      resolve({ code: child.exitCode, signal: child.signalCode });
    else child.once('exit', (code, signal) => resolve({ code, signal }));
  });
}

describe('durability', () => {
  it('every write acknowledged before SIGKILL is in the file afterwards, and the file is sound', async () => {
    const file = join(tempDir(), 'credence.db');
    const child = writer(['stream', file]);
    let stderr = '';
    child.stderr!.on('data', (d) => (stderr += String(d)));
    const acked: { kind: string; id: number }[] = [];
    const lines = createInterface({ input: child.stdout! });
    await new Promise<void>((resolve, reject) => {
      lines.on('line', (line) => {
        const m = /^ok (f|r) (\d+)$/.exec(line);
        if (!m) return reject(new Error(`unexpected output: ${line}`));
        acked.push({ kind: m[1]!, id: Number(m[2]) });
        // Kill in the middle of a stream of writes, right after an acknowledgement.
        if (acked.length === 40) {
          child.kill('SIGKILL');
          resolve();
        }
      });
      child.once('exit', () => reject(new Error(`the writer exited early: ${stderr}`)));
    });
    const { signal } = await exited(child);
    expect(signal).toBe('SIGKILL');

    const r = await openStore(file);
    if (!r.ok) throw r.error;
    expect(r.store.sqlite!.pragma('integrity_check', { simple: true })).toBe('ok');
    const forecasts = new Set((await predictionState(r.store, 'f')).forecasts.map((f) => f.id));
    const resolutions = await predictionState(r.store, 'r');
    const resolutionIds = new Set(resolutions.resolutions.map((e) => e.id));
    for (const a of acked) expect(a.kind === 'f' ? forecasts.has(a.id) : resolutionIds.has(a.id)).toBe(true);
    // Versions are contiguous whatever was cut off: 1, 2, …, n.
    expect(resolutions.resolutions.map((e) => e.version)).toEqual(resolutions.resolutions.map((_, i) => i + 1));
    await r.store.close();
  });
});

describe('50 concurrent writers (separate processes)', () => {
  it('records every write, in one order, with exactly one winner per version', async () => {
    const file = join(tempDir(), 'credence.db');
    const first = await openStore(file); // create the schema once, as a server would at startup
    if (!first.ok) throw first.error;
    await first.store.close();

    const N = 50;
    const children = Array.from({ length: N }, (_, n) => writer(['race', file, String(n)]));
    const outputs = children.map((child) => {
      let out = '';
      let err = '';
      child.stdout!.on('data', (d) => (out += String(d)));
      child.stderr!.on('data', (d) => (err += String(d)));
      return {
        ready: new Promise<void>((resolve) => child.stdout!.on('data', () => out.includes('ready\n') && resolve())),
        out: () => out,
        err: () => err,
      };
    });
    await Promise.all(outputs.map((o) => o.ready));
    for (const child of children) child.stdin!.write('go\n');
    const codes = await Promise.all(children.map(exited));
    outputs.forEach((o, n) => expect(codes[n]!.code, o.err()).toBe(0));

    const results = outputs.map(
      (o) =>
        JSON.parse(
          o
            .out()
            .split('\n')
            .find((l) => l.startsWith('{'))!,
        ) as { n: number; forecast: number | string; blind: string; retryConflicts: number; retryVersion: number },
    );

    const r = await openStore(file);
    if (!r.ok) throw r.error;
    const db = r.store;

    // Forecasts: all 50 recorded, each once, with distinct increasing ids.
    const forecasts = (await predictionState(db, '2')).forecasts;
    expect(forecasts).toHaveLength(N);
    expect(new Set(forecasts.map((f) => f.forecaster)).size).toBe(N);
    expect(results.every((x) => typeof x.forecast === 'number')).toBe(true);
    expect(forecasts.map((f) => f.id)).toEqual([...forecasts.map((f) => f.id)].sort((a, b) => a - b));

    // Blind resolutions all naming version 0: exactly one recorded, 49 conflicts (409).
    expect(results.filter((x) => x.blind === 'ok')).toHaveLength(1);
    expect(results.filter((x) => x.blind === 'conflict')).toHaveLength(N - 1);
    const blind = await predictionState(db, '1');
    expect(blind.version).toBe(1);
    expect(blind.resolutions).toHaveLength(1);
    expect(blind.resolutions[0]!.actor).toBe(`writer-${results.find((x) => x.blind === 'ok')!.n}`);

    // Read-then-write with retry on conflict: every writer lands exactly once, on versions 1..50.
    const chain = await predictionState(db, '3');
    expect(chain.version).toBe(N);
    expect(chain.resolutions.map((e) => e.version)).toEqual(Array.from({ length: N }, (_, i) => i + 1));
    expect(new Set(chain.resolutions.map((e) => e.actor)).size).toBe(N);
    expect(results.map((x) => x.retryVersion).sort((a, b) => a - b)).toEqual(
      Array.from({ length: N }, (_, i) => i + 1),
    );
    // Ids increase with versions: the stored order is the order the writes were made in.
    const ids = chain.resolutions.map((e) => e.id);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    await db.close();
  }, 600_000);
});
