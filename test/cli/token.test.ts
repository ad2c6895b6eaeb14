import { afterEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import token from '../../src/cli/token.ts';
import type { CliIO } from '../../src/cli/io.ts';
import { openStore } from '../../src/predictions/db.ts';
import { verifyToken } from '../../src/predictions/tokens.ts';
import { cleanup, tempDir } from '../predictions/helpers.ts';

afterEach(cleanup);

function io(dbPath: string): CliIO & { outs: string[]; errs: string[] } {
  const outs: string[] = [];
  const errs: string[] = [];
  return { outs, errs, out: (s) => outs.push(s), err: (s) => errs.push(s), modelsDir: tempDir(), dbPath };
}

async function verify(dbPath: string, t: string) {
  const r = await openStore(dbPath);
  if (!r.ok) throw r.error;
  try {
    return await verifyToken(r.store, t);
  } finally {
    await r.store.close();
  }
}

describe('credence token', () => {
  it('create prints the token once with a warning; the token works with the role given', async () => {
    const db = join(tempDir(), 'data', 'credence.db');
    const a = io(db);
    expect(await token(['create', 'alice', '--role', 'resolver'], a)).toBe(0);
    const printed = a.outs.map((l) => l.trim()).find((l) => l.startsWith('crd_'))!;
    expect(printed).toBeDefined();
    expect(a.outs.join('\n')).toMatch(/not shown again/);
    expect(await verify(db, printed)).toEqual({ name: 'alice', role: 'resolver' });

    const b = io(db);
    expect(await token(['create', 'bob'], b)).toBe(0);
    const bobs = b.outs.map((l) => l.trim()).find((l) => l.startsWith('crd_'))!;
    expect(await verify(db, bobs)).toEqual({ name: 'bob', role: 'forecaster' });
  });

  it('list shows names, roles, dates and status, never secrets', async () => {
    const db = join(tempDir(), 'credence.db');
    const c = io(db);
    await token(['create', 'alice', '--role', 'resolver'], c);
    const secret = c.outs.map((l) => l.trim()).find((l) => l.startsWith('crd_'))!;
    await token(['revoke', 'alice'], io(db));
    await token(['create', 'bob'], io(db));
    const l = io(db);
    expect(await token(['list'], l)).toBe(0);
    expect(l.outs[0]).toMatch(/^name\s+role\s+created\s+status$/);
    expect(l.outs[1]).toMatch(/^bob\s+forecaster\s+\d{4}-\d\d-\d\dT[\d:.]+Z\s+active$/);
    expect(l.outs[2]).toMatch(/^alice\s+resolver\s+\S+\s+revoked \d{4}-/);
    expect(l.outs.join('\n')).not.toContain(secret.slice('crd_'.length + 17));
  });

  it('revoke stops the token; revoking again is an error', async () => {
    const db = join(tempDir(), 'credence.db');
    const c = io(db);
    await token(['create', 'alice'], c);
    const secret = c.outs.map((l) => l.trim()).find((l) => l.startsWith('crd_'))!;
    const r = io(db);
    expect(await token(['revoke', 'alice'], r)).toBe(0);
    expect(await verify(db, secret)).toBe(null);
    const again = io(db);
    expect(await token(['revoke', 'alice'], again)).toBe(1);
    expect(again.errs).toEqual(['alice has no active token']);
  });

  it('bad arguments: one line on stderr and exit 2', async () => {
    const db = join(tempDir(), 'credence.db');
    const cases = [
      [],
      ['create'],
      ['create', 'a', 'b'],
      ['create', 'a', '--role', 'admin'],
      ['create', 'a', '--colour'],
      ['frobnicate'],
      ['list', 'x'],
      ['revoke'],
    ];
    for (const args of cases) {
      const x = io(db);
      expect(await token(args, x), args.join(' ')).toBe(2);
      expect(x.errs, args.join(' ')).toHaveLength(1);
      expect(x.outs).toEqual([]);
    }
  });

  it('refuses a reserved name with exit 1, and reports an unusable database clearly', async () => {
    const db = join(tempDir(), 'credence.db');
    const x = io(db);
    expect(await token(['create', 'author'], x)).toBe(1);
    expect(x.errs[0]).toMatch(/reserved/);
    const dir = tempDir();
    const y = io(dir); // a folder, not a file
    expect(await token(['list'], y)).toBe(1);
    expect(y.errs[0]).toContain('is a folder');
  });
});
