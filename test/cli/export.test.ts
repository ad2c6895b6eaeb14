// `credence export`: Squiggle code on standard output or into a file, exit 2 for a wrong
// command line (format, scenario, model), exit 1 with located errors for what cannot be exported.

import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import exportCommand from '../../src/cli/export.ts';
import type { CliIO } from '../../src/cli/io.ts';

function io(modelsDir = resolve('models')): CliIO & { outs: string[]; errs: string[] } {
  const outs: string[] = [];
  const errs: string[] = [];
  return { outs, errs, out: (s) => outs.push(s), err: (s) => errs.push(s), modelsDir, dbPath: '/nonexistent/db' };
}

describe('credence export', () => {
  it('prints Squiggle code ending with the output, or writes it to --out', async () => {
    const a = io();
    expect(await exportCommand(['iterative-chain', '--to', 'squiggle'], a)).toBe(0);
    const code = a.outs.join('\n');
    expect(code).toMatch(/^\/\/ .*exported from Credence/);
    expect(code).toContain('p_success = (p_base * p_chain)');
    expect(code.trimEnd().split('\n').slice(-2)).toEqual(['// output: p_success', 'p_success']);
    const out = join(mkdtempSync(join(tmpdir(), 'credence-export-')), 'chain.squiggle');
    expect(
      await exportCommand(['iterative-chain', '--to', 'squiggle', '--scenario', 'critic', '--out', out], io()),
    ).toBe(0);
    expect(readFileSync(out, 'utf8')).toMatch(/\/\/ output: p_success\np_success\n$/);
  });

  it.each([
    [['iterative-chain'], /^--to must be one of squiggle; see 'credence export --help'$/],
    [['iterative-chain', '--to', 'excel'], /^--to must be one of squiggle, not 'excel'/],
    [['iterative-chain', '--to', 'squiggle', '--scenario', 'nope'], /has no scenario 'nope'/],
    [['no-such-model', '--to', 'squiggle'], /there is no model 'no-such-model'/],
  ])('%j is a wrong command line (exit 2, one line)', async (args, message) => {
    const x = io();
    expect(await exportCommand(args, x)).toBe(2);
    expect(x.errs).toHaveLength(1);
    expect(x.errs[0]).toMatch(message);
  });

  it('refuses a model Squiggle cannot express with a located error (exit 1)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'credence-export-'));
    writeFileSync(
      join(dir, 'trig.yaml'),
      'title: Trig\ninputs:\n  a: uniform(0, 1)\nnodes:\n  b: 1 + sin(a)\noutput: b\n',
    );
    const x = io(dir);
    expect(await exportCommand(['trig', '--to', 'squiggle'], x)).toBe(1);
    expect(x.errs).toHaveLength(1);
    expect(x.errs[0]).toMatch(/trig\.yaml:5:10: b: sin\(\) has no Squiggle equivalent; the model cannot be exported$/);
  });
});

describe('credence export --predictions --to csv', () => {
  it('writes Fatebook columns: the author row per prediction, then each forecast, with resolutions', async () => {
    const { openStore } = await import('../../src/predictions/db.ts');
    const { recordForecast, recordResolution } = await import('../../src/predictions/store.ts');
    const { loadCatalog } = await import('../../src/predictions/catalog.ts');
    const { loadProject } = await import('../../src/model/project.ts');
    const { csvParse } = await import('d3');
    const dbPath = join(mkdtempSync(join(tmpdir(), 'credence-csv-')), 'credence.db');
    const opened = await openStore(dbPath);
    if (!opened.ok) throw opened.error;
    const catalog = loadCatalog(loadProject(resolve('models')));
    if (!catalog.ok) throw new Error('catalog');
    const at = () => new Date('2026-02-01T00:00:00.000Z');
    await recordForecast(
      opened.store,
      catalog.value,
      '2',
      { credence: 0.4 },
      { name: 'fred', via: 'api' },
      { now: at },
    );
    await recordResolution(
      opened.store,
      catalog.value,
      '1',
      { outcome: 'yes', note: 'n', version: 0 },
      { name: 'rita', via: 'api' },
      { now: at },
    );
    await opened.store.close();

    const x = { ...io(), dbPath };
    expect(await exportCommand(['--predictions', '--to', 'csv'], x)).toBe(0);
    const rows = csvParse(x.outs.join('\n'));
    // Fatebook's own columns, from the hand-written export in the fixtures (as Fatebook's exporter
    // writes them), then 'Question tags' of its newer exports and Credence's own id.
    const fatebook = csvParse(readFileSync(resolve('test/predictions/fixtures/fatebook-export.csv'), 'utf8')).columns;
    expect(fatebook).toHaveLength(16);
    expect(rows.columns).toEqual([...fatebook, 'Question tags', 'Credence id']);
    const p1 = catalog.value.byId.get('1')!;
    expect(rows[0]).toMatchObject({
      'Question title': p1.statement,
      'Forecast created by': 'author',
      'Forecast (scale = 0-1)': String(p1.credence),
      Resolution: 'YES',
      'Resolved at': '2026-02-01T00:00:00.000Z',
      'Credence id': '1',
    });
    expect(
      rows.filter((r) => r['Credence id'] === '2').map((r) => [r['Forecast created by'], r['Forecast (scale = 0-1)']]),
    ).toEqual([
      ['author', String(catalog.value.byId.get('2')!.credence)],
      ['fred', '0.4'],
    ]);
    expect(rows).toHaveLength(catalog.value.predictions.length + 1);
  });

  it('never creates the database: without one every prediction is open', async () => {
    const { existsSync } = await import('node:fs');
    const dbPath = join(mkdtempSync(join(tmpdir(), 'credence-csv-')), 'none.db');
    const x = { ...io(), dbPath };
    expect(await exportCommand(['--predictions', '--to', 'csv'], x)).toBe(0);
    expect(existsSync(dbPath)).toBe(false);
    expect(x.outs.join('\n')).not.toMatch(/YES|NO/);
  });
});

describe('credence export --predictions --to metaculus', () => {
  it('writes question_data.csv and forecast_data.csv into --out, and needs --out', async () => {
    const { existsSync } = await import('node:fs');
    const { readMetaculus } = await import('../../src/predictions/formats/metaculus.ts');
    const dir = join(mkdtempSync(join(tmpdir(), 'credence-metaculus-')), 'export');
    const x = io();
    expect(await exportCommand(['--predictions', '--to', 'metaculus', '--out', dir], x)).toBe(0);
    const read = readMetaculus(
      readFileSync(join(dir, 'question_data.csv'), 'utf8'),
      readFileSync(join(dir, 'forecast_data.csv'), 'utf8'),
    );
    if (!read.ok) throw new Error(JSON.stringify(read.errors));
    const { loadCatalog } = await import('../../src/predictions/catalog.ts');
    const { loadProject } = await import('../../src/model/project.ts');
    const catalog = loadCatalog(loadProject(resolve('models')));
    if (!catalog.ok) throw new Error('catalog');
    expect(read.value.map((q) => [q.credenceId, q.title, q.forecasts.map((f) => f.credence)])).toEqual(
      catalog.value.predictions.map((p) => [p.id, p.statement, [p.credence]]),
    );
    const y = io();
    expect(await exportCommand(['--predictions', '--to', 'metaculus'], y)).toBe(2);
    expect(y.errs).toEqual([
      "--to metaculus writes two files: name their folder with --out DIR; see 'credence export --help'",
    ]);
    expect(existsSync('/nonexistent/db')).toBe(false);
  });
});
