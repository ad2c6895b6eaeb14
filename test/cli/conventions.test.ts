// What every command shares: `--help` on stdout with exit 0 listing every option the parser
// takes, the environment, the exit codes and an example; `--version`; bare `credence` on stderr
// with exit 2; a mistake is one line and exit 2; read-only commands never create the database.

import { describe, expect, it, afterEach } from 'vitest';
import Database from 'better-sqlite3';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { main, commandSpecs, COMMAND_NAMES } from '../../src/main/credence.ts';
import { allOptions } from '../../src/cli/spec.ts';
import type { CliIO } from '../../src/cli/io.ts';
import { cleanup, tempDir } from '../predictions/helpers.ts';

afterEach(cleanup);

function io(over: Partial<CliIO> = {}): CliIO & { outs: string[]; errs: string[] } {
  const outs: string[] = [];
  const errs: string[] = [];
  return {
    outs,
    errs,
    out: (s) => outs.push(s),
    err: (s) => errs.push(s),
    modelsDir: resolve('models'),
    dbPath: join(tempDir(), 'data', 'credence.db'),
    dbNamed: false,
    ...over,
  };
}

const VERSION = (JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version;

describe('every command', () => {
  it.each(COMMAND_NAMES)(
    '%s --help: exit 0, on stdout, every option, environment, exit codes, an example',
    async (name) => {
      const x = io();
      expect(await main([name, '--help'], x)).toBe(0);
      expect(x.errs).toEqual([]);
      const text = x.outs.join('\n');
      expect(text).toMatch(new RegExp(`^usage: credence ${name}`));
      const spec = (await commandSpecs()).find((s) => s.name === name)!;
      for (const option of Object.keys(allOptions(spec))) expect(text).toContain(`--${option}`);
      expect(text).toMatch(/\nExit codes:\n {2}0 {2}success\n {2}1 {2}\S.*\n {2}2 {2}the command line is wrong/);
      expect(text).toMatch(/\nExamples?:\n {2}credence /);
      if (spec.env.length) expect(text).toMatch(/\nEnvironment:\n {2}[A-Z_]+ /);
      const short = io();
      expect(await main([name, '-h'], short)).toBe(0);
      expect(short.outs).toEqual(x.outs);
    },
  );

  it.each(COMMAND_NAMES)('%s: an unknown option is one line on stderr and exit 2', async (name) => {
    const x = io();
    expect(await main([name, '--no-such-option'], x)).toBe(2);
    expect(x.outs).toEqual([]);
    expect(x.errs).toEqual([`unknown option '--no-such-option'; see 'credence ${name} --help'`]);
  });

  it('--json exists on every command that prints data, and only there', async () => {
    const withJson = (await commandSpecs()).filter((s) => 'json' in allOptions(s)).map((s) => s.name);
    expect(withJson.sort()).toEqual(
      ['check', 'crux', 'import', 'predictions', 'resolve', 'run', 'sensitivity', 'token', 'voi'].sort(),
    );
  });
});

describe('credence itself', () => {
  it('--version and -v print the package version', async () => {
    for (const flag of ['--version', '-v']) {
      const x = io();
      expect(await main([flag], x)).toBe(0);
      expect(x.outs).toEqual([VERSION]);
    }
  });

  it('bare: the list of commands on stderr, exit 2; --help: the same on stdout, exit 0', async () => {
    const bare = io();
    expect(await main([], bare)).toBe(2);
    expect(bare.outs).toEqual([]);
    const help = io();
    expect(await main(['--help'], help)).toBe(0);
    expect(help.errs).toEqual([]);
    expect(bare.errs).toEqual(help.outs);
    for (const name of COMMAND_NAMES) expect(help.outs.join('\n')).toMatch(new RegExp(`\\n {2}${name} +\\S`));
    const via = io();
    expect(await main(['help', 'run'], via)).toBe(0);
    expect(via.outs[0]).toMatch(/^usage: credence run /);
  });
});

describe('the database', () => {
  it('of another program is refused in one line by reading and writing commands, and left as it was', async () => {
    const dbPath = join(tempDir(), 'theirs.db');
    const raw = new Database(dbPath);
    raw.exec('CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL)');
    raw.close();
    const before = readFileSync(dbPath);
    for (const argv of [
      ['token', 'list'],
      ['token', 'create', 'ada'],
    ]) {
      const x = io({ dbPath, dbNamed: true });
      expect(await main(argv, x)).toBe(1);
      expect(x.outs).toEqual([]);
      expect(x.errs).toHaveLength(1);
      expect(x.errs[0]).toContain(`${dbPath} is not a Credence database`);
      expect(x.errs[0]).toContain('(invoices)');
      expect(x.errs[0]).not.toContain('\n'); // no stack trace
    }
    expect(readFileSync(dbPath).equals(before)).toBe(true);
  });

  it('is not created by reading commands', async () => {
    const x = io();
    expect(await main(['token', 'list'], x)).toBe(0);
    expect(x.outs.join('\n')).toMatch(/^No tokens \(no database at .*\)/);
    const y = io({ dbPath: x.dbPath });
    expect(await main(['token', 'list', '--json'], y)).toBe(0);
    expect(JSON.parse(y.outs.join('\n'))).toEqual([]);
    const z = io({ dbPath: x.dbPath });
    expect(await main(['export', '--predictions', '--to', 'fatebook'], z)).toBe(0);
    expect(existsSync(x.dbPath)).toBe(false);
  });

  it('is created by a writing command only where CREDENCE_DB names it', async () => {
    const unnamed = io();
    expect(await main(['token', 'create', 'ada'], unnamed)).toBe(1);
    expect(unnamed.errs).toEqual([
      `there is no database at ${unnamed.dbPath}: 'credence serve' creates it there, or set CREDENCE_DB to the file (created if missing) or postgres:// URL to use`,
    ]);
    expect(existsSync(unnamed.dbPath)).toBe(false);
    const named = io({ dbNamed: true });
    expect(await main(['token', 'create', 'ada', '--json'], named)).toBe(0);
    expect(JSON.parse(named.outs.join('\n'))).toMatchObject({ name: 'ada', role: 'forecaster' });
    expect(existsSync(named.dbPath)).toBe(true);
  });
});
