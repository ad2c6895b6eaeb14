import { afterEach, describe, expect, it } from 'vitest';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import resolve from '../../src/cli/resolve.ts';
import type { CliIO } from '../../src/cli/io.ts';
import { openStore } from '../../src/predictions/db.ts';
import { predictionState, recordResolution } from '../../src/predictions/store.ts';
import { cleanup, tempDir, writeProject, knownIds } from '../predictions/helpers.ts';

afterEach(cleanup);

function setup() {
  const { dir } = writeProject();
  const dbPath = join(tempDir(), 'credence.db');
  const make = (): CliIO & { outs: string[]; errs: string[] } => {
    const outs: string[] = [];
    const errs: string[] = [];
    return { outs, errs, out: (s) => outs.push(s), err: (s) => errs.push(s), modelsDir: dir, dbPath };
  };
  const state = async (id: string) => {
    const r = await openStore(dbPath);
    if (!r.ok) throw r.error;
    try {
      return await predictionState(r.store, id);
    } finally {
      await r.store.close();
    }
  };
  return { make, state, dbPath };
}

describe('credence resolve', () => {
  it('records a resolution as cli:<user> at the current version, then re-resolves and reopens', async () => {
    const { make, state } = setup();
    const a = make();
    expect(await resolve(['3a', 'yes', '--note', 'it happened', '--url', 'https://example.org/r'], a)).toBe(0);
    expect(a.outs[0]).toMatch(/^prediction 3a resolved yes \(version 1\), recorded by cli:\S+ at \d{4}-/);
    let s = await state('3a');
    expect(s.status).toBe('yes');
    expect(s.resolution).toMatchObject({
      actor: `cli:${userInfo().username}`,
      via: 'cli',
      note: 'it happened',
      evidenceUrl: 'https://example.org/r',
      version: 1,
    });

    expect(await resolve(['3a', 'no', '--note', 'misread the report', '--as', 'alice'], make())).toBe(0);
    const reopen = make();
    expect(await resolve(['3a', 'unresolved', '--note', 'under dispute'], reopen)).toBe(0);
    expect(reopen.outs[0]).toMatch(/^prediction 3a reopened \(version 3\)/);
    s = await state('3a');
    expect(s.status).toBe('open');
    expect(s.resolutions.map((e) => [e.outcome, e.actor])).toEqual([
      ['yes', `cli:${userInfo().username}`],
      ['no', 'alice'],
      ['unresolved', `cli:${userInfo().username}`],
    ]);
  });

  it('follows writes made elsewhere (it uses the current version)', async () => {
    const { make, state, dbPath } = setup();
    const r = await openStore(dbPath);
    if (!r.ok) throw r.error;
    await recordResolution(
      r.store,
      knownIds('1'),
      '1',
      { outcome: 'yes', note: 'via the API', version: 0 },
      { name: 'rex', via: 'api' },
    );
    await r.store.close();
    expect(await resolve(['1', 'annulled', '--note', 'the question was flawed'], make())).toBe(0);
    expect(await state('1')).toMatchObject({ version: 2, status: 'annulled' });
  });

  it('bad arguments: one line on stderr and exit 2, nothing written', async () => {
    const { make, state } = setup();
    const cases = [
      [],
      ['1'],
      ['1', 'maybe', '--note', 'n'],
      ['1', 'yes'],
      ['1', 'yes', '--note', '  '],
      ['1', 'yes', '--note', 'n', '--colour', 'red'],
      ['nope', 'yes', '--note', 'n'],
      ['1', 'yes', '--note', 'n', '--url', 'javascript:alert(1)'],
      ['1', 'yes', 'extra', '--note', 'n'],
    ];
    for (const args of cases) {
      const x = make();
      expect(await resolve(args, x), args.join(' ')).toBe(2);
      expect(x.errs, args.join(' ')).toHaveLength(1);
    }
    expect((await state('1')).version).toBe(0);
  });

  it('reopening an open prediction is refused with exit 1', async () => {
    const { make } = setup();
    const x = make();
    expect(await resolve(['1', 'unresolved', '--note', 'n'], x)).toBe(1);
    expect(x.errs[0]).toMatch(/open: there is no resolution to undo/);
  });

  it('a broken predictions file stops it with located errors and exit 1', async () => {
    const { dir } = writeProject(undefined, 'predictions:\n  - id: "1"\n    credence: 2\n');
    const errs: string[] = [];
    const code = await resolve(['1', 'yes', '--note', 'n'], {
      out: () => {},
      err: (s) => errs.push(s),
      modelsDir: dir,
      dbPath: join(tempDir(), 'c.db'),
    });
    expect(code).toBe(1);
    expect(errs[0]).toMatch(/predictions\.yaml:\d+:\d+: prediction '1'/);
  });
});
