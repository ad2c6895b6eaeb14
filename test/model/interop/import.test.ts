// Models brought in from Squiggle and Guesstimate: files written by hand in each tool's format
// import into model files that load, run, and give the mean the source's own meaning implies
// (closed forms, and Squiggle's own run of the same file, within five standard errors); what
// Credence cannot say is refused at its line and column, and nothing is written then.

import { describe, expect, it, afterAll } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run as squiggle } from '@quri/squiggle-lang';
import importCommand from '../../../src/cli/import.ts';
import run from '../../../src/cli/run.ts';
import type { CliIO } from '../../../src/cli/io.ts';

const FIXTURES = join(import.meta.dirname, 'fixtures');
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function io(modelsDir: string): CliIO & { outs: string[]; errs: string[] } {
  const outs: string[] = [];
  const errs: string[] = [];
  return { outs, errs, out: (s) => outs.push(s), err: (s) => errs.push(s), modelsDir, dbPath: '/nonexistent/db' };
}

const N = 200_000;
const Z95 = 1.6448536269514722;
/** The mean of the lognormal whose 5th and 95th percentiles are lo and hi, at z. */
const lognormalMean = (lo: number, hi: number, z: number) => {
  const mu = (Math.log(lo) + Math.log(hi)) / 2;
  const s = (Math.log(hi) - Math.log(lo)) / (2 * z);
  return Math.exp(mu + (s * s) / 2);
};

/** Import `fixture` into a fresh models folder, run it, and return the output's summary. */
async function importAndRun(fixture: string, args: string[] = []) {
  const dir = mkdtempSync(join(tmpdir(), 'credence-import-'));
  dirs.push(dir);
  const id = fixture.replace(/\.\w+$/, '');
  const a = io(dir);
  expect(await importCommand([join(FIXTURES, fixture), ...args, '--out', join(dir, `${id}.yaml`)], a)).toBe(0);
  const b = io(dir);
  expect(await run([id, '--json', '--samples', String(N), '--evidence', 'none'], b)).toBe(0);
  const report = JSON.parse(b.outs.join('\n')) as {
    output: string;
    nodes: Record<string, { mean: number; sd: number }>;
  };
  return { yaml: readFileSync(join(dir, `${id}.yaml`), 'utf8'), report, out: report.nodes[report.output]!, a };
}

describe('credence import <file.squiggle>', () => {
  it('reads bindings, `to`, suffixes, decorators and the result; the mean is the closed form', async () => {
    const { yaml, report, out, a } = await importAndRun('programme.squiggle');
    expect(a.errs).toEqual([expect.stringMatching(/^wrote .*programme\.yaml \(output: expected_value\)$/)]);
    expect(report.output).toBe('expected_value');
    expect(yaml).toMatch(/^# Imported from Squiggle by credence import\.\ntitle: programme\n/);
    expect(yaml).toContain('  researchers:\n    label: Researchers\n    basis: assumption\n');
    expect(yaml).toContain('dist: ci90(40, 120)');
    expect(yaml).toContain('dist: 150000');
    // E[researchers]·150k subtracted, beta(2, 8) has mean 0.2, lognormal(16, 1) mean e^16.5,
    // and −normal(1e5, 2e4) mean −1e5.
    const want = 0.2 * Math.exp(16.5) - 150e3 * lognormalMean(40, 120, Z95) - 1e5;
    expect(Math.abs(out.mean - want)).toBeLessThan((5 * out.sd) / Math.sqrt(N));
  });

  it.each(['programme.squiggle', 'named.squiggle'])(
    '%s gives the mean Squiggle itself gives for the same file, within Monte Carlo error',
    async (fixture) => {
      const { out } = await importAndRun(fixture);
      // The file's last line is its result: Squiggle samples it and reports mean and sd.
      const lines = readFileSync(join(FIXTURES, fixture), 'utf8').trimEnd().split('\n');
      const result = lines.pop()!;
      const program = `${lines.join('\n')}\n__out = SampleSet.fromDist(${result})\n[mean(__out), stdev(__out)]\n`;
      const m = 20_000;
      const r = await squiggle(program, { environment: { sampleCount: m, xyPointLength: 1000, seed: 'credence' } });
      if (!r.result.ok) throw new Error(r.result.value.toString());
      const [mean, sd] = JSON.parse(r.result.value.result.toString()) as [number, number];
      expect(Math.abs(out.mean - mean)).toBeLessThan(5 * Math.sqrt(out.sd ** 2 / N + sd ** 2 / m));
    },
  );

  it('reads mixtures, weighted (normalised as Squiggle does) or even', async () => {
    const { writeFileSync } = await import('node:fs');
    const file = join(mkdtempSync(join(tmpdir(), 'credence-import-')), 'mix.squiggle');
    dirs.push(join(file, '..'));
    writeFileSync(file, 'a = mx(normal(0, 1), normal(10, 1), [1, 3])\nb = mixture(2 to 8, 5)\nc = a + b\n');
    const dir = join(file, '..');
    expect(await importCommand([file, '--out', join(dir, 'mix.yaml')], io(dir))).toBe(0);
    const b = io(dir);
    expect(await run(['mix', '--json', '--samples', String(N)], b)).toBe(0);
    const nodes = (JSON.parse(b.outs.join('\n')) as { nodes: Record<string, { mean: number; sd: number }> }).nodes;
    // 1/4·0 + 3/4·10, and the even mixture of the 2-to-8 lognormal with the point 5.
    const want = { a: 7.5, b: (lognormalMean(2, 8, Z95) + 5) / 2 };
    for (const [name, mean] of Object.entries(want))
      expect(Math.abs(nodes[name]!.mean - mean)).toBeLessThan((5 * nodes[name]!.sd) / Math.sqrt(N));
  });

  it('reads the named-parameter forms and to(a, b) as Squiggle defines them: means and spreads are the closed forms', async () => {
    const { report, yaml } = await importAndRun('named.squiggle');
    expect(yaml).toContain('  n5: normal((lo + hi) / 2, (hi - lo) / (2 * quantile(normal(0, 1), 0.95)))\n');
    expect(yaml).toContain('  t: ci90(lo, hi)\n');
    const Z90 = 1.2815515655446004; // Φ⁻¹(0.9), for the 80% interval p10 to p90
    const Z75 = 0.6744897501960817; // Φ⁻¹(0.75), for the 50% interval p25 to p75
    const lognormalMoments = (mu: number, s: number) => {
      const mean = Math.exp(mu + (s * s) / 2);
      const sd = mean * Math.sqrt(Math.exp(s * s) - 1);
      const kurtosis = Math.exp(4 * s * s) + 2 * Math.exp(3 * s * s) + 3 * Math.exp(2 * s * s) - 3;
      return { mean, sd, kurtosis };
    };
    const fromInterval = (lo: number, hi: number, z: number) =>
      lognormalMoments((Math.log(lo) + Math.log(hi)) / 2, (Math.log(hi) - Math.log(lo)) / (2 * z));
    const s2 = Math.log(1 + (8 / 20) ** 2); // lognormal with mean 20 and sd 8: σ² = log(1 + cv²)
    // beta with mean 0.3, sd 0.1: α + β = 0.3·0.7/0.01 − 1 = 20, so beta(6, 14); its kurtosis.
    const [a, b] = [6, 14];
    const betaKurtosis =
      3 + (6 * ((a - b) ** 2 * (a + b + 1) - a * b * (a + b + 2))) / (a * b * (a + b + 2) * (a + b + 3));
    const want: Record<string, { mean: number; sd: number; kurtosis: number }> = {
      n5: { mean: 5, sd: 6 / (2 * Z95), kurtosis: 3 },
      n10: { mean: 3, sd: 4 / (2 * Z90), kurtosis: 3 },
      n25: { mean: 12, sd: 4 / (2 * Z75), kurtosis: 3 },
      nms: { mean: 3, sd: 0.5, kurtosis: 3 },
      l5: fromInterval(2, 8, Z95),
      l25: fromInterval(1, 4, Z75),
      lms: { ...lognormalMoments(Math.log(20) - s2 / 2, Math.sqrt(s2)), mean: 20, sd: 8 },
      bms: { mean: 0.3, sd: 0.1, kurtosis: betaKurtosis },
      t: fromInterval(2, 8, Z95),
    };
    for (const [name, w] of Object.entries(want)) {
      const got = report.nodes[name]!;
      expect(Math.abs(got.mean - w.mean), name).toBeLessThan((5 * w.sd) / Math.sqrt(N));
      // The sample sd's standard error is sd·√((κ − 1)/(4n)).
      expect(Math.abs(got.sd - w.sd), name).toBeLessThan(5 * w.sd * Math.sqrt((w.kurtosis - 1) / (4 * N)));
    }
  });

  it('refuses what Credence cannot say, each at its line and column, and writes nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'credence-import-'));
    dirs.push(dir);
    const x = io(dir);
    const file = join(FIXTURES, 'unsupported.squiggle');
    expect(await importCommand([file, '--out', join(dir, 'u.yaml')], x)).toBe(1);
    expect(x.errs.map((l) => l.replace(`${FIXTURES}/`, ''))).toEqual([
      'unsupported.squiggle:1:1: a function is not read',
      'unsupported.squiggle:2:6: xs: a list is outside what Credence reads (numbers, distributions and arithmetic)',
      'unsupported.squiggle:3:5: a: normal({p5, p90}) is not one of the forms read: normal({mean, stdev}), normal({p5, p95}), normal({p10, p90}), normal({p25, p75})',
      'unsupported.squiggle:4:5: b: an index [ … ] is read only as xs[i] inside SampleSet.mapN([…], {|xs| …})',
      'unsupported.squiggle:5:5: c: SampleSet.fromList() has no Credence equivalent',
      "unsupported.squiggle:7:1: 'e' is a constant (e = 2.718281828459045) and cannot name a quantity in Credence; rename it",
      "unsupported.squiggle:8:16: f: the parameter 'mean' draws a distribution; bind it to a name first and use the name",
      'unsupported.squiggle:9:5: g: uniform({…}) with named parameters has no Credence equivalent',
    ]);
    expect(existsSync(join(dir, 'u.yaml'))).toBe(false);
  });

  it('a syntax error is Squiggle’s own message at its place (exit 1); an existing --out is never written over', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'credence-import-'));
    dirs.push(dir);
    const bad = join(dir, 'bad.squiggle');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(bad, 'a = 1\nb = (a +\n');
    const x = io(dir);
    expect(await importCommand([bad], x)).toBe(1);
    expect(x.errs).toHaveLength(1);
    expect(x.errs[0]).toMatch(new RegExp(`^${bad}:3:1: Squiggle cannot read this: `));
    const y = io(dir);
    expect(await importCommand([join(FIXTURES, 'programme.squiggle'), '--out', bad], y)).toBe(2);
    expect(y.errs).toEqual([
      `${bad} exists; choose another --out (nothing is written over); see 'credence import --help'`,
    ]);
    expect(readFileSync(bad, 'utf8')).toBe('a = 1\nb = (a +\n');
  });
});

describe('credence import --from guesstimate', () => {
  it('reads a space: ranges as Guesstimate’s 90% intervals, formulas over cells; the mean is the closed form', async () => {
    const { yaml, report, out } = await importAndRun('team-cost.json', ['--from', 'guesstimate']);
    expect(yaml).toContain('title: Cost of an evaluation team\n');
    expect(report.output).toBe('annual_cost');
    expect(yaml).toMatch(
      /annual_cost:\n {4}label: Annual cost \(\$\)\n {4}expr: evaluators\*salary_per_evaluator \+ compute_per_evaluation\*evaluations_per_year\n/,
    );
    // Guesstimate's lognormal 5 to 15 (z = 1.645) times 200,000, plus uniform(1000, 3000)'s mean
    // times the normal's (20 + 60)/2: the cells are independent.
    const want = lognormalMean(5, 15, 1.645) * 200_000 + 2000 * 40;
    expect(Math.abs(out.mean - want)).toBeLessThan((5 * out.sd) / Math.sqrt(N));
  });

  it('reads a cell’s typed text when the space has no processed expression, as Guesstimate reads it', async () => {
    const { yaml, out } = await importAndRun('typed-input.json', ['--from', 'guesstimate']);
    expect(yaml).toContain('dist: 120000\n');
    expect(yaml).toContain('dist: uniform(0.1, 0.3)\n');
    expect(yaml).toContain('expr: researchers * salary * share_on_evaluations + adjustment\n');
    // 5 to 15 with no type is Guesstimate's lognormal; -2000 .. 2,000 starts at or below 0, so a
    // normal around 0; the share is uniform with mean 0.2; the cells are independent.
    const want = lognormalMean(5, 15, 1.645) * 120_000 * 0.2 + 0;
    expect(Math.abs(out.mean - want)).toBeLessThan((5 * out.sd) / Math.sqrt(N));
  });

  it('refuses typed text it cannot read (a proportion) at the line of the estimate', async () => {
    const x = io(mkdtempSync(join(tmpdir(), 'credence-import-')));
    dirs.push(x.modelsDir);
    expect(await importCommand([join(FIXTURES, 'proportion.json')], x)).toBe(1);
    expect(x.errs.map((l) => l.replace(`${FIXTURES}/`, ''))).toEqual([
      "proportion.json:5:24: 'Hits': cannot read the typed estimate '3 of 10' (a number, a range such as 5 to 15, or a formula =…)",
    ]);
  });

  it('refuses pasted data and a reference to a missing cell at the line of the estimate', async () => {
    const x = io(mkdtempSync(join(tmpdir(), 'credence-import-')));
    dirs.push(x.modelsDir);
    expect(await importCommand([join(FIXTURES, 'with-data.json')], x)).toBe(1);
    expect(x.errs.map((l) => l.replace(`${FIXTURES}/`, ''))).toEqual([
      "with-data.json:9:9: 'Measured': a cell of data (pasted samples) has no Credence equivalent; describe it by a distribution",
      "with-data.json:10:9: 'Doubled': it refers to a cell 'gone' the file does not have",
    ]);
    expect(x.outs).toEqual([]);
  });
});
