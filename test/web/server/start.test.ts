// `npm start` as a user runs it (bin/serve.js, the build in dist/): a taken port, a bad PORT or
// models folder is one line on standard error and exit code 1; the printed URL is the address
// it listens on (127.0.0.1 by default); SIGTERM ends it with exit code 0.

import { afterAll, describe, expect, it } from 'vitest';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import Database from 'better-sqlite3';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { UNTIL_READY_MS } from '../../support/waits.ts';

const SERVE = resolve('bin', 'serve.js');
const dir = mkdtempSync(join(tmpdir(), 'credence-start-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const baseEnv = (extra: Record<string, string>) => ({
  ...process.env,
  CREDENCE_MODELS: resolve('models'),
  CREDENCE_DB: join(dir, 'credence.db'),
  HOST: '',
  TRUST_PROXY: '',
  LOG_LEVEL: '',
  ...extra,
});

function start(extra: Record<string, string>) {
  return spawnSync(process.execPath, [SERVE], { encoding: 'utf8', env: baseEnv(extra), timeout: UNTIL_READY_MS });
}

describe('a server that cannot start', () => {
  it('says so in one line when the port is taken', async () => {
    const blocker = createServer();
    await new Promise<void>((ok) => blocker.listen(0, '127.0.0.1', () => ok()));
    const port = (blocker.address() as { port: number }).port;
    const r = start({ PORT: String(port) });
    blocker.close();
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      `credence: cannot start the server: port ${port} on 127.0.0.1 is already in use; stop the program using it or set PORT to another port\n`,
    );
  });

  it.each([
    [{ PORT: 'abc' }, "PORT must be a whole number from 0 to 65535, not 'abc'"],
    [{ CREDENCE_MODELS: '/nonexistent' }, 'there is no models folder at /nonexistent'],
    [
      { TRUST_PROXY: 'everyone' },
      "TRUST_PROXY must be true, false, a number of proxies, or addresses and subnets such as 'loopback' or '10.0.0.0/8', not 'everyone'",
    ],
  ])('says so in one line for %j', (env, message) => {
    const r = start(env);
    expect(r.status).toBe(1);
    expect(r.stderr.split('\n').filter(Boolean)).toHaveLength(1);
    expect(r.stderr).toContain(`credence: cannot start the server: ${message}`);
  });

  it('says so in one line when CREDENCE_DB is a database of another program, and leaves it as it was', () => {
    const theirs = join(dir, 'theirs.db');
    const raw = new Database(theirs);
    raw.exec('CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL)');
    raw.close();
    const before = readFileSync(theirs);
    const r = start({ CREDENCE_DB: theirs });
    expect(r.status).toBe(1);
    expect(r.stderr.split('\n').filter(Boolean)).toHaveLength(1);
    expect(r.stderr).toContain(`credence: cannot start the server: ${theirs} is not a Credence database`);
    expect(readFileSync(theirs).equals(before)).toBe(true);
  });
});

describe('a server that starts', () => {
  let child: ChildProcess;
  afterAll(() => child?.kill('SIGKILL'));

  it('listens where its URL says, answers /healthz, logs requests as JSON and exits 0 on SIGTERM', async () => {
    child = spawn(process.execPath, [SERVE], { env: baseEnv({ PORT: '0' }), stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stderr!.on('data', (d) => (err += String(d)));
    const url = await new Promise<string>((ok, fail) => {
      child.stdout!.on('data', (d) => {
        out += String(d);
        const m = /at (http:\/\/\S+\/) \(database /.exec(out);
        if (m) ok(m[1]!);
      });
      child.once('exit', (code) => fail(new Error(`exited with ${code}: ${err}`)));
    });
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const health = await fetch(`${url}healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok', database: { ok: true }, models: { ok: true } });
    const page = await fetch(`${url}api/models`, { headers: { 'X-Request-Id': 'test-42' } });
    expect(page.status).toBe(200);
    expect(page.headers.get('x-request-id')).toBe('test-42');
    const exited = new Promise<number | null>((ok) => child.once('exit', (code) => ok(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    const lines = out
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as { req: { id: string; url: string }; res: { status: number } });
    expect(lines).toContainEqual(
      expect.objectContaining({
        req: expect.objectContaining({ id: 'test-42', method: 'GET', url: '/api/models', ip: '127.0.0.1' }),
        res: { status: 200 },
      }),
    );
    expect(lines.some((l) => l.req.url === '/healthz')).toBe(false);
  });
});
