// `credence import --from fatebook|metaculus`: a track record moves between tools. Exported from
// one database and imported into another, it exports the same; imported twice, it adds nothing;
// a file with unreadable rows records nothing; questions the catalog lacks are listed.

import { describe, expect, it, afterEach } from 'vitest';
import { join, resolve } from 'node:path';
import importCommand from '../../src/cli/import.ts';
import exportCommand from '../../src/cli/export.ts';
import type { CliIO } from '../../src/cli/io.ts';
import { openStore } from '../../src/predictions/db.ts';
import { recordForecast, recordResolution } from '../../src/predictions/store.ts';
import { loadCatalog } from '../../src/predictions/catalog.ts';
import { loadProject } from '../../src/model/project.ts';
import { cleanup, tempDir } from '../predictions/helpers.ts';

afterEach(cleanup);

const FIXTURES = join(import.meta.dirname, '..', 'predictions', 'fixtures');

function io(dbPath: string): CliIO & { outs: string[]; errs: string[] } {
  const outs: string[] = [];
  const errs: string[] = [];
  const modelsDir = resolve('models');
  return { outs, errs, out: (s) => outs.push(s), err: (s) => errs.push(s), modelsDir, dbPath, dbNamed: true };
}

/** A database with a forecast on '2' and '1' resolved yes. */
async function recorded(): Promise<string> {
  const dbPath = join(tempDir(), 'a.db');
  const opened = await openStore(dbPath);
  if (!opened.ok) throw opened.error;
  const catalog = loadCatalog(loadProject(resolve('models')));
  if (!catalog.ok) throw new Error('catalog');
  const at = (iso: string) => () => new Date(iso);
  const fred = { name: 'fred', via: 'api' } as const;
  await recordForecast(opened.store, catalog.value, '2', { credence: 0.4 }, fred, {
    now: at('2026-01-02T03:04:05.000Z'),
  });
  await recordForecast(opened.store, catalog.value, '1', { credence: 0.7 }, fred, {
    now: at('2026-01-03T00:00:00.000Z'),
  });
  const body = { outcome: 'yes', note: 'n', version: 0 };
  await recordResolution(
    opened.store,
    catalog.value,
    '1',
    body,
    { name: 'rita', via: 'api' },
    { now: at('2026-02-01T00:00:00.000Z') },
  );
  await opened.store.close();
  return dbPath;
}

async function exported(dbPath: string): Promise<string> {
  const x = io(dbPath);
  expect(await exportCommand(['--predictions', '--to', 'fatebook'], x)).toBe(0);
  return x.outs.join('\n');
}

describe('credence import --from fatebook', () => {
  it('carries forecasts and resolutions to another database; a second import adds nothing', async () => {
    const a = await recorded();
    const file = join(tempDir(), 'record.csv');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(file, await exported(a));
    const b = join(tempDir(), 'b.db');
    const first = io(b);
    expect(await importCommand(['--from', 'fatebook', file, '--json'], first)).toBe(0);
    expect(JSON.parse(first.outs.join('\n'))).toEqual({
      dryRun: false,
      forecasts: 2,
      resolutions: 1,
      notes: [],
      unmatched: [],
    });
    const csv = (await exported(b)).split('\n');
    expect(csv).toEqual((await exported(a)).split('\n'));
    const again = io(b);
    expect(await importCommand(['--from', 'fatebook', file], again)).toBe(0);
    expect(again.outs).toEqual(['recorded 0 forecasts and 0 resolutions']);
  });

  it('--dry-run counts and records nothing', async () => {
    const a = await recorded();
    const file = join(tempDir(), 'record.csv');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(file, await exported(a));
    const b = join(tempDir(), 'b.db');
    const opened = await openStore(b);
    if (opened.ok) await opened.store.close();
    const dry = io(b);
    expect(await importCommand(['--from', 'fatebook', file, '--dry-run'], dry)).toBe(0);
    expect(dry.outs).toEqual(['would record 2 forecasts and 1 resolution']);
    const after = io(b);
    expect(await importCommand(['--from', 'fatebook', file, '--dry-run'], after)).toBe(0);
    expect(after.outs).toEqual(['would record 2 forecasts and 1 resolution']);
  });

  it('lists the questions the catalog does not have, and records none of them', async () => {
    const b = join(tempDir(), 'b.db');
    const x = io(b);
    expect(await importCommand(['--from', 'fatebook', join(FIXTURES, 'fatebook-export.csv')], x)).toBe(0);
    expect(x.outs).toEqual(['recorded 0 forecasts and 0 resolutions']);
    expect(x.errs.map((l) => l.replace(`${FIXTURES}/`, ''))).toEqual([
      "fatebook-export.csv:2: not in the catalog, not imported: 'Will the lab publish a scheming evaluation by June?'",
      'fatebook-export.csv:5: not in the catalog, not imported: \'Will a model be caught "sandbagging" in a public report?\'',
    ]);
  });

  it('a file with a row it cannot read records nothing (exit 1)', async () => {
    const file = join(tempDir(), 'bad.csv');
    const { writeFileSync, existsSync } = await import('node:fs');
    writeFileSync(file, 'Question title,Forecast (scale = 0-1),Forecast created at\nQ,2,2026-01-01\n');
    const b = join(tempDir(), 'b.db');
    const x = io(b);
    expect(await importCommand(['--from', 'fatebook', file], x)).toBe(1);
    expect(x.errs).toEqual([
      `${file}:2: the forecast must be a probability from 0 to 1, not '2'`,
      'nothing was recorded',
    ]);
    expect(existsSync(b)).toBe(false);
    const y = io(b);
    expect(await importCommand(['--from', 'fatebook', file, '--json'], y)).toBe(1);
    expect(JSON.parse(y.outs.join('\n'))).toEqual({
      errors: [
        { file, line: 2, code: 'out-of-range', message: "the forecast must be a probability from 0 to 1, not '2'" },
      ],
    });
    expect(y.errs).toEqual(['nothing was recorded']);
  });
});

describe('credence import --from metaculus', () => {
  it('reads the export folder written by credence export --to metaculus', async () => {
    const a = await recorded();
    const dir = join(tempDir(), 'metaculus');
    const x = io(a);
    expect(await exportCommand(['--predictions', '--to', 'metaculus', '--out', dir], x)).toBe(0);
    const b = join(tempDir(), 'b.db');
    const y = io(b);
    expect(await importCommand(['--from', 'metaculus', dir], y)).toBe(0);
    expect(y.outs).toEqual(['recorded 2 forecasts and 1 resolution']);
    expect(await exported(b)).toEqual(await exported(a));
  });
});

describe('credence import --from manifold', () => {
  it('reads the markets.json and bets.json written by credence export --to manifold; again, adds nothing', async () => {
    const a = await recorded();
    const dir = join(tempDir(), 'manifold');
    const x = io(a);
    expect(await exportCommand(['--predictions', '--to', 'manifold', '--out', dir], x)).toBe(0);
    expect(x.errs).toEqual([`wrote ${join(dir, 'markets.json')} and ${join(dir, 'bets.json')}`]);
    const b = join(tempDir(), 'b.db');
    const y = io(b);
    expect(await importCommand(['--from', 'manifold', join(dir, 'bets.json')], y)).toBe(0);
    expect(y.outs).toEqual(['recorded 2 forecasts and 1 resolution']);
    expect(await exported(b)).toEqual(await exported(a));
    const again = io(b);
    expect(await importCommand(['--from', 'manifold', dir], again)).toBe(0);
    expect(again.outs).toEqual(['recorded 0 forecasts and 0 resolutions']);
  });

  it('says which bets are not forecasts and which markets the catalog lacks', async () => {
    const b = join(tempDir(), 'b.db');
    const x = io(b);
    expect(await importCommand(['--from', 'manifold', join(FIXTURES, 'manifold')], x)).toBe(0);
    expect(x.outs).toEqual(['recorded 0 forecasts and 0 resolutions']);
    expect(x.errs.map((l) => l.replace(`${FIXTURES}/`, ''))).toEqual([
      'skipped: limit orders nothing has filled: 1',
      'skipped: redemptions (payouts, not bets): 1',
      'skipped: bets on markets not in manifold/markets.json: 1',
      'skipped: antes (a market’s opening liquidity): 1',
      "manifold/markets.json:2: not in the catalog, not imported: 'Will a frontier lab report a model sabotaging its own evaluation before 2027?'",
      "manifold/markets.json:30: not in the catalog, not imported: 'Will deceptive alignment be demonstrated in a model trained without a backdoor, by 2028?'",
      "manifold/markets.json:55: not in the catalog, not imported: 'Will the sandbagging benchmark be released in 2025?'",
    ]);
  });

  it('refuses a file over the size it reads, before reading it, and shows at most 50 problems', async () => {
    const { copyFileSync, truncateSync, writeFileSync } = await import('node:fs');
    const big = join(tempDir(), 'big');
    const { mkdirSync } = await import('node:fs');
    mkdirSync(big);
    copyFileSync(join(FIXTURES, 'manifold', 'markets.json'), join(big, 'markets.json'));
    writeFileSync(join(big, 'bets.json'), '');
    truncateSync(join(big, 'bets.json'), 65 * 2 ** 20); // sparse: nothing is written to disk
    const x = io(join(tempDir(), 'b.db'));
    expect(await importCommand(['--from', 'manifold', big], x)).toBe(1);
    expect(x.errs).toEqual([
      `${join(big, 'bets.json')}: 65 MB is over the 64 MB a track-record import reads; export the questions you need`,
      'nothing was recorded',
    ]);
    writeFileSync(join(big, 'bets.json'), JSON.stringify(Array.from({ length: 120 }, () => 7)));
    const y = io(join(tempDir(), 'c.db'));
    expect(await importCommand(['--from', 'manifold', big], y)).toBe(1);
    expect(y.errs).toHaveLength(52);
    expect(y.errs.at(-2)).toBe('… and 70 more problems');
  });
});

describe('forecasts the API would refuse', () => {
  it('a credence of 0 or 1 is not recorded, and a dry run counts what a real run records', async () => {
    const catalog = loadCatalog(loadProject(resolve('models')));
    if (!catalog.ok) throw new Error('catalog');
    const { mkdirSync, writeFileSync } = await import('node:fs');
    const dir = join(tempDir(), 'manifold');
    mkdirSync(dir);
    const market = { id: 'mk', question: catalog.value.byId.get('1')!.statement, outcomeType: 'BINARY' };
    writeFileSync(join(dir, 'markets.json'), JSON.stringify([market]));
    const bet = (id: string, probAfter: number, createdTime: number) => ({
      id,
      contractId: 'mk',
      userUsername: 'ann',
      createdTime,
      probAfter,
    });
    const bets = [bet('c', 1, 1767225600000), bet('b', 0.3, 1767139200000), bet('a', 0, 1767052800000)];
    writeFileSync(join(dir, 'bets.json'), JSON.stringify(bets));
    const b = join(tempDir(), 'b.db');
    const opened = await openStore(b);
    if (opened.ok) await opened.store.close();
    const note = '1: 2 forecasts not recorded: the credence must be strictly between 0 and 1: nothing is certain';
    const dry = io(b);
    expect(await importCommand(['--from', 'manifold', dir, '--dry-run'], dry)).toBe(0);
    expect(dry.outs).toEqual(['would record 1 forecast and 0 resolutions']);
    expect(dry.errs).toEqual([`note: ${note}`]);
    const real = io(b);
    expect(await importCommand(['--from', 'manifold', dir], real)).toBe(0);
    expect(real.outs).toEqual(['recorded 1 forecast and 0 resolutions']);
    expect(real.errs).toEqual([`note: ${note}`]);
  });
});
