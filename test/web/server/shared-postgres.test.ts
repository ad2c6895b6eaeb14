// Two server instances (bin/serve.js, separate processes, different ports) sharing one
// PostgreSQL database, as a team deploys Credence: a resolution through one is visible on the
// other, a stale version is a 409 across instances, 50 concurrent writes spread over both are
// all recorded, and a write acknowledged by an instance survives that instance being killed.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { openStore, type Store } from '../../../src/predictions/db.ts';
import { createToken } from '../../../src/predictions/tokens.ts';
import { predictionState } from '../../../src/predictions/store.ts';
import { countHit } from '../../../src/predictions/rate-limits.ts';
import { POSTGRES_MISSING, startPostgres, type TestPostgres } from '../../support/postgres.ts';

const SERVE = resolve('bin', 'serve.js');

interface Instance {
  child: ChildProcess;
  url: string;
}

function startInstance(db: string): Promise<Instance> {
  const child = spawn(process.execPath, [SERVE], {
    env: {
      ...process.env,
      PORT: '0',
      HOST: '',
      CREDENCE_DB: db,
      CREDENCE_MODELS: resolve('models'),
      LOG_LEVEL: 'silent',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stderr!.on('data', (d) => (err += String(d)));
  return new Promise((ok, fail) => {
    child.stdout!.on('data', (d) => {
      out += String(d);
      const m = /at (http:\/\/\S+\/) /.exec(out);
      if (m) ok({ child, url: m[1]! });
    });
    child.once('exit', (code) => fail(new Error(`the instance exited with ${code}: ${err}`)));
  });
}

const exited = (child: ChildProcess) =>
  new Promise<void>((ok) =>
    child.exitCode !== null || child.signalCode !== null ? ok() : child.once('exit', () => ok()),
  );

describe.skipIf(POSTGRES_MISSING !== null)('two instances sharing one PostgreSQL', () => {
  let server: TestPostgres;
  let dbUrl: string;
  let store: Store;
  let a: Instance;
  let b: Instance;
  let resolver: string;
  let forecaster: string;

  beforeAll(async () => {
    server = startPostgres();
    dbUrl = await server.freshDatabase();
    [a, b] = await Promise.all([startInstance(dbUrl), startInstance(dbUrl)]);
    const opened = await openStore(dbUrl);
    if (!opened.ok) throw opened.error;
    store = opened.store;
    const r = await createToken(store, 'rita', 'resolver');
    const f = await createToken(store, 'fred', 'forecaster');
    if (!r.ok || !f.ok) throw new Error('could not create tokens');
    resolver = r.token;
    forecaster = f.token;
  }, 120_000);

  afterAll(async () => {
    for (const i of [a, b]) i?.child.kill('SIGKILL');
    await store?.close();
    server?.stop();
  });

  const post = (i: Instance, path: string, token: string, body: unknown) =>
    fetch(`${i.url}api/${path}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
  const state = async (i: Instance, id: string) =>
    (await (await fetch(`${i.url}api/predictions/${id}`)).json()) as {
      version: number;
      status: string;
      forecasts: unknown[];
    };

  it('a resolution through one instance is visible on the other; a stale version is a 409 there', async () => {
    const made = await post(a, 'predictions/1/resolution', resolver, { outcome: 'yes', note: 'seen', version: 0 });
    expect(made.status).toBe(201);
    expect(await state(b, '1')).toMatchObject({ version: 1, status: 'yes' });
    const page = await (await fetch(`${b.url}predictions/1`)).text();
    expect(page).toContain('seen');

    const stale = await post(b, 'predictions/1/resolution', resolver, { outcome: 'no', note: 'old page', version: 0 });
    expect(stale.status).toBe(409);
    expect(await stale.json()).toMatchObject({ currentVersion: 1, current: { outcome: 'yes', actor: 'rita' } });
    expect(await state(a, '1')).toMatchObject({ version: 1, status: 'yes' });
  });

  it('50 concurrent writes spread over both instances are all recorded, and both show them', async () => {
    const writes = Array.from({ length: 50 }, (_, n) =>
      post(n % 2 === 0 ? a : b, 'predictions/2/forecasts', forecaster, { credence: (n + 1) / 52, note: `w${n}` }),
    );
    const statuses = await Promise.all(writes.map(async (w) => (await w).status));
    expect(statuses).toEqual(Array(50).fill(201));
    const stored = await predictionState(store, '2');
    expect(stored.forecasts.map((f) => f.note).sort()).toEqual(Array.from({ length: 50 }, (_, n) => `w${n}`).sort());
    expect((await state(a, '2')).forecasts).toHaveLength(50);
    expect((await state(b, '2')).forecasts).toHaveLength(50);
  });

  it('concurrent resolutions naming one version over both instances: exactly one wins, the rest are 409', async () => {
    const tries = Array.from({ length: 20 }, (_, n) =>
      post(n % 2 === 0 ? a : b, 'predictions/3a/resolution', resolver, { outcome: 'no', note: `r${n}`, version: 0 }),
    );
    const statuses = (await Promise.all(tries)).map((r) => r.status).sort();
    expect(statuses).toEqual([201, ...Array(19).fill(409)]);
    expect((await predictionState(store, '3a')).resolutions).toHaveLength(1);
  });

  it('a write acknowledged by an instance survives SIGKILL of that instance', async () => {
    const made = await post(a, 'predictions/4/resolution', resolver, {
      outcome: 'no',
      note: 'before the kill',
      version: 0,
    });
    expect(made.status).toBe(201);
    a.child.kill('SIGKILL');
    await exited(a.child);
    expect(await state(b, '4')).toMatchObject({ version: 1, status: 'no' });
    expect((await predictionState(store, '4')).resolutions[0]).toMatchObject({
      note: 'before the kill',
      actor: 'rita',
    });
  });

  it('rate limits are counted once for all instances sharing the store', async () => {
    const other = await openStore(dbUrl);
    if (!other.ok) throw other.error;
    const now = Date.UTC(2026, 0, 1);
    const hits = [];
    for (let i = 0; i < 6; i++)
      hits.push((await countHit(i % 2 ? other.store : store, 'compute:203.0.113.9', 60_000, now)).hits);
    expect(hits).toEqual([1, 2, 3, 4, 5, 6]);
    // A new window starts from one.
    expect((await countHit(other.store, 'compute:203.0.113.9', 60_000, now + 60_000)).hits).toBe(1);
    await other.store.close();
  });
});
