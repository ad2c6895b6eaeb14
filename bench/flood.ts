// Flood benchmark: `npm run bench -- flood` (FLOOD_KINDS=csv,runs for some kinds only; FLOOD_SECONDS).
// The built server runs in its own process (bench/server.ts) on a copy of models/. For each kind
// of expensive request, one client floods (several requests in flight, each answered or refused,
// then the next) while a second client, from another loopback address, asks for a static file
// and, beside it, for a cold 1,000-sample run, each again 100 ms after its answer. Printed per
// kind: the small requests' latency (median, p95, max; status 0 is no answer), the server's
// event-loop stall (a 5 ms timer's lateness: max and 99th percentile) and how much of it was the
// main thread's own CPU time (the rest is the machine's other load), the server's CPU time (every
// thread), what the flood got (statuses), and the load average. The targets are 200 ms for the
// static file and 1 s for the cold run; figures are printed, nothing passes or fails.
//
// Clients are told apart by address (127.0.0.x), as the server's admission does.

import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, type BenchServer, type Probe } from './server.ts';
import { floodKinds, type FloodKind } from './flood-kinds.ts';
import { client, type Client } from './flood-client.ts';

const SECONDS = Number(process.env.FLOOD_SECONDS ?? 15);
const IN_FLIGHT = Number(process.env.FLOOD_IN_FLIGHT ?? 8);
const SMALL_PAUSE_MS = 100;

interface Row {
  kind: string;
  staticMs: number[];
  runMs: number[];
  smallFailures: number[];
  probe: Probe;
  statuses: Map<number, number>;
  load: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const quantile = (xs: number[], p: number) =>
  xs.length ? [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))]! : NaN;
const ms = (x: number) => (Number.isNaN(x) ? '–' : x < 10 ? x.toFixed(1) : Math.round(x).toLocaleString('en-US'));

/** One client floods with `kind` until `until`; the count of each status it got. */
async function flood(kind: FloodKind, c: Client, until: number): Promise<Map<number, number>> {
  const statuses = new Map<number, number>();
  let i = 0;
  const loop = async () => {
    while (performance.now() < until) {
      const status = await kind.next(c, i++);
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
    }
  };
  await Promise.all(Array.from({ length: kind.inFlight ?? IN_FLIGHT }, loop));
  return statuses;
}

/** The second client: a static file, and a cold 1,000-sample run, each in turn until `until`. */
async function small(c: Client, until: number, seed: number) {
  const out = { staticMs: [] as number[], runMs: [] as number[], failures: [] as number[] };
  const loop = async (path: (i: number) => string, into: number[]) => {
    for (let i = 0; performance.now() < until; i++) {
      const t0 = performance.now();
      const status = await c.get(path(i));
      into.push(performance.now() - t0);
      if (status !== 200) out.failures.push(status);
      await sleep(SMALL_PAUSE_MS);
    }
  };
  await Promise.all([
    loop(() => '/static/site.css', out.staticMs),
    loop((i) => `/api/models/p-scheming/run?samples=1000&seed=${seed + i}`, out.runMs),
  ]);
  return out;
}

/** Wait until the server has used under 20 ms of CPU in half a second (the flood's work is done). */
async function idle(server: BenchServer): Promise<void> {
  for (let tries = 0; tries < 240; tries++) {
    const a = await server.probe();
    await sleep(500);
    const b = await server.probe();
    if (b.cpuMs - a.cpuMs < 20) return;
  }
}

async function phase(server: BenchServer, kind: FloodKind, n: number, modelsDir: string): Promise<Row> {
  await kind.setUp?.(modelsDir);
  await idle(server);
  const flooder = client(server.base, `127.0.0.${10 + n}`);
  const reader = client(server.base, `127.0.1.${10 + n}`);
  await reader.get('/api/models/p-scheming/run?samples=1000&seed=1'); // this address's first request
  await server.resetProbe();
  const until = performance.now() + SECONDS * 1000;
  const flooding = kind.key === 'none' ? Promise.resolve(new Map<number, number>()) : flood(kind, flooder, until);
  const seen = await small(reader, until, 1000 * (n + 1));
  const probe = await server.probe();
  const load = loadavg()[0]!;
  const statuses = await flooding;
  await kind.tearDown?.(modelsDir);
  flooder.close();
  reader.close();
  return { kind: kind.name, ...seen, smallFailures: seen.failures, probe, statuses, load };
}

function print(rows: Row[]): void {
  console.log(
    "| flood | static file: median / p95 / max (ms) | cold 1,000-sample run: median / p95 / max (ms) | event-loop stall: max / p99 (ms) | of it the server's CPU: max / p99 (ms) | server CPU (s) in wall (s) | the flood got | load |",
  );
  console.log('| --- | --- | --- | --- | --- | --- | --- | ---: |');
  for (const r of rows) {
    const three = (xs: number[]) => [0.5, 0.95, 1].map((p) => ms(quantile(xs, p))).join(' / ');
    const got = [...r.statuses].sort(([a], [b]) => a - b).map(([s, k]) => `${k}× ${s}`);
    const miss = quantile(r.staticMs, 1) > 200 || quantile(r.runMs, 1) > 1000 ? ' (misses)' : '';
    console.log(
      `| ${r.kind}${miss} | ${three(r.staticMs)} | ${three(r.runMs)}${r.smallFailures.length ? ` (not 200: ${r.smallFailures.join(', ')})` : ''} | ${ms(r.probe.stallMaxMs)} / ${ms(r.probe.stallP99Ms)} | ${ms(r.probe.busyMaxMs)} / ${ms(r.probe.busyP99Ms)} | ${(r.probe.cpuMs / 1000).toFixed(1)} in ${(r.probe.wallMs / 1000).toFixed(1)} | ${got.join(', ') || '–'} | ${r.load.toFixed(1)} |`,
    );
  }
}

async function main(): Promise<void> {
  const chosen = process.env.FLOOD_KINDS?.split(',') ?? [];
  const kinds = floodKinds().filter((k) => chosen.length === 0 || k.key === 'none' || chosen.includes(k.key));
  const dir = mkdtempSync(join(tmpdir(), 'credence-flood-'));
  const modelsDir = join(dir, 'models');
  cpSync('models', modelsDir, { recursive: true });
  const server = await startServer({ modelsDir });
  try {
    console.log(
      `Flood: ${SECONDS} s per kind, the flood ${IN_FLIGHT} requests in flight; load average before ${loadavg()
        .map((x) => x.toFixed(2))
        .join(' ')}`,
    );
    // Warm: the first requests compile the engine's code in each worker.
    const warm = client(server.base, '127.0.0.2');
    for (let i = 0; i < 4; i++) await warm.get(`/api/models/p-scheming/run?samples=1000&seed=${i + 2}`);
    warm.close();
    const rows: Row[] = [];
    for (const [n, kind] of kinds.entries()) {
      const row = await phase(server, kind, n, modelsDir);
      rows.push(row);
      console.log(`  ${kind.name}: done`);
    }
    print(rows);
    console.log(
      `load average after: ${loadavg()
        .map((x) => x.toFixed(2))
        .join(' ')}`,
    );
  } finally {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
