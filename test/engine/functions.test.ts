// The expression functions against closed forms, row by row over whole columns: trigonometric
// and hyperbolic functions and erf, sum and prod, and cdf, pdf and quantile of every distribution
// (with constant parameters and with parameters that change by row). The distributions fitted to
// stated quantiles are fit.test.ts.

import { describe, it, expect, afterAll } from 'vitest';
import { loadProject } from '../../src/model/project.ts';
import { prepare } from '../../src/engine/run.ts';
import { cleanupTemp, columnsOf, modelText, tempProject } from './helpers.ts';

afterAll(cleanupTemp);

const N = 2000;

/** Each node's column, for inputs and nodes given as text. */
function cols(inputs: Record<string, string>, nodes: Record<string, string>, samples = N) {
  return columnsOf(inputs, nodes, { samples, seed: 7 }).columns as Record<string, Float64Array>;
}

/** Every row of `got` within tol (relative to max(1, |want|)) of want(row). */
function rows(got: Float64Array, want: (i: number) => number, tol = 1e-12, what = 'value'): void {
  for (let i = 0; i < got.length; i++) {
    const w = want(i);
    if (!(Math.abs(got[i]! - w) <= tol * Math.max(1, Math.abs(w))))
      throw new Error(`${what}, row ${i}: ${got[i]} vs ${w}`);
  }
}

describe('trigonometric and hyperbolic functions, erf', () => {
  it('satisfy their identities in every row', () => {
    const c = cols(
      { x: 'uniform(-1.5, 1.5)', y: 'normal(0, 2)' },
      {
        s2c2: 'sin(x)^2 + cos(x)^2',
        t: 'tan(x) - sin(x) / cos(x)',
        as: 'asin(sin(x))',
        ac: 'acos(cos(x))',
        at: 'atan(tan(x))',
        a2: 'atan2(y, 1) - atan(y)',
        ch: 'cosh(y)^2 - sinh(y)^2',
        th: 'tanh(y) - sinh(y) / cosh(y)',
        eo: 'erf(y) + erf(-y)',
      },
    );
    rows(c.s2c2!, () => 1, 1e-14, 'sin² + cos²');
    rows(c.t!, () => 0, 1e-12, 'tan − sin/cos');
    rows(c.as!, (i) => c.x![i]!, 1e-12, 'asin(sin x)');
    rows(c.ac!, (i) => Math.abs(c.x![i]!), 1e-7, 'acos(cos x)');
    rows(c.at!, (i) => c.x![i]!, 1e-12, 'atan(tan x)');
    rows(c.a2!, () => 0, 1e-14, 'atan2(y, 1) − atan(y)');
    rows(c.ch!, () => 1, 1e-9, 'cosh² − sinh²');
    rows(c.th!, () => 0, 1e-14, 'tanh − sinh/cosh');
    rows(c.eo!, () => 0, 0, 'erf is odd');
  });

  it('take their published values', () => {
    const c = cols(
      {},
      {
        s: 'sin(pi / 6)',
        co: 'cos(pi / 3)',
        ta: 'tan(pi / 4)',
        q: 'atan2(-1, -1)',
        e1: 'erf(1)',
        eh: 'erf(0.5)',
        sh: 'sinh(1)',
      },
      10,
    );
    expect(c.s![0]).toBeCloseTo(0.5, 15);
    expect(c.co![0]).toBeCloseTo(0.5, 15);
    expect(c.ta![0]).toBeCloseTo(1, 15);
    expect(c.q![0]).toBeCloseTo((-3 * Math.PI) / 4, 15);
    expect(c.e1![0]).toBeCloseTo(0.8427007929497149, 15);
    expect(c.eh![0]).toBeCloseTo(0.5204998778130465, 15);
    expect(c.sh![0]).toBeCloseTo((Math.E - 1 / Math.E) / 2, 15);
  });

  it('sum and prod take any number of arguments', () => {
    const c = cols({ x: 'normal(0, 1)', y: 'uniform(1, 2)' }, { s: 'sum(x, y, 3)', p: 'prod(x, y, 3)', one: 'sum(x)' });
    rows(c.s!, (i) => c.x![i]! + c.y![i]! + 3, 0);
    rows(c.p!, (i) => c.x![i]! * c.y![i]! * 3, 0);
    rows(c.one!, (i) => c.x![i]!, 0);
  });
});

// Closed forms: Φ from published values, Beta(3, 3) = 10x³ − 15x⁴ + 6x⁵, Beta(a, 1) = x^a.
const PHI_196 = 0.9750021048517795;
const beta33 = (x: number) => 10 * x ** 3 - 15 * x ** 4 + 6 * x ** 5;

describe('cdf, pdf and quantile of each distribution', () => {
  it('match closed forms with constant parameters', () => {
    const c = cols(
      {},
      {
        n1: 'cdf(normal(1, 2), 1 + 2 * 1.96)',
        n2: 'pdf(normal(0, 1), 0)',
        n3: 'quantile(normal(3, 2), 0.975)',
        l1: 'cdf(lognormal(0.7, 0.4), exp(0.7))',
        l2: 'quantile(lognormal(0.7, 0.4), 0.5)',
        u1: 'cdf(uniform(2, 6), 3)',
        u2: 'pdf(uniform(2, 6), 5)',
        u3: 'quantile(uniform(2, 6), 0.75)',
        b1: 'cdf(beta(3, 3), 0.3)',
        b2: 'pdf(beta(3, 3), 0.3)',
        b3: 'quantile(beta(2.5, 1), 0.4)',
        t1: 'cdf(triangular(0, 1, 4), 0.5)',
        t2: 'cdf(triangular(0, 1, 4), 2)',
        t3: 'pdf(triangular(0, 1, 4), 1)',
        t4: 'quantile(triangular(0, 1, 4), 0.25)',
        p1: 'cdf(pert(0, 5, 10), 3)',
        p2: 'pdf(pert(0, 5, 10), 3)',
        r1: 'cdf(bernoulli(0.3), 0.5)',
        r2: 'pdf(bernoulli(0.3), 1)',
        r3: 'quantile(bernoulli(0.3), 0.8)',
        g1: 'cdf(logitnormal(0.4, 1.3), sigmoid(0.4))',
        g2: 'quantile(logitnormal(-1, 2), 0.5)',
        c1: 'cdf(ci90(2, 50), 2)',
        c2: 'cdf(ci90(2, 50), 50)',
        c3: 'quantile(ci90(-10, 30), 0.95)',
      },
      10,
    );
    const v = (k: string) => c[k]![0]!;
    expect(v('n1')).toBeCloseTo(PHI_196, 14);
    expect(v('n2')).toBeCloseTo(1 / Math.sqrt(2 * Math.PI), 15);
    expect(v('n3')).toBeCloseTo(3 + 2 * 1.959963984540054, 13);
    expect(v('l1')).toBeCloseTo(0.5, 15);
    expect(v('l2')).toBeCloseTo(Math.exp(0.7), 14);
    expect(v('u1')).toBe(0.25);
    expect(v('u2')).toBe(0.25);
    expect(v('u3')).toBe(5);
    expect(v('b1')).toBeCloseTo(beta33(0.3), 14);
    expect(v('b2')).toBeCloseTo(30 * 0.3 ** 2 * 0.7 ** 2, 13);
    expect(v('b3')).toBeCloseTo(0.4 ** (1 / 2.5), 14);
    expect(v('t1')).toBeCloseTo(0.25 / 4, 15);
    expect(v('t2')).toBeCloseTo(1 - 4 / 12, 15);
    expect(v('t3')).toBeCloseTo(0.5, 15);
    expect(v('t4')).toBeCloseTo(1, 15);
    // pert(0, 5, 10) = 10 · Beta(3, 3)
    expect(v('p1')).toBeCloseTo(beta33(0.3), 14);
    expect(v('p2')).toBeCloseTo((30 * 0.3 ** 2 * 0.7 ** 2) / 10, 13);
    expect(v('r1')).toBeCloseTo(0.7, 15);
    expect(v('r2')).toBeCloseTo(0.3, 15);
    expect(v('r3')).toBe(1);
    expect(v('g1')).toBeCloseTo(0.5, 15);
    expect(v('g2')).toBeCloseTo(1 / (1 + Math.exp(1)), 15);
    expect(v('c1')).toBeCloseTo(0.05, 14);
    expect(v('c2')).toBeCloseTo(0.95, 14);
    expect(v('c3')).toBeCloseTo(30, 12);
  });

  it('with parameters that change by row, quantile(d, cdf(d, x)) = x and pdf is the slope of cdf', () => {
    const dists: Record<string, [string, string]> = {
      normal: ['normal(m, s)', 'm + s * z'],
      lognormal: ['lognormal(m, s)', 'exp(m + s * z)'],
      uniform: ['uniform(m, m + s)', 'm + s * u'],
      beta: ['beta(s, s + u)', 'u'],
      triangular: ['triangular(m, m + u * s, m + s)', 'm + s * u'],
      pert: ['pert(m, m + u * s, m + s)', 'm + s * u'],
      logitnormal: ['logitnormal(m, s)', 'sigmoid(m + s * z)'],
      ci90: ['ci90(s, s + 10)', 's + 5 + z'],
    };
    const nodes: Record<string, string> = {};
    for (const [name, [d, x]] of Object.entries(dists)) {
      nodes[`${name}_x`] = x;
      nodes[`${name}_inv`] = `quantile(${d}, cdf(${d}, ${name}_x))`;
      nodes[`${name}_slope`] = `(cdf(${d}, ${name}_x + 1e-6 * s) - cdf(${d}, ${name}_x - 1e-6 * s)) / (2e-6 * s)`;
      nodes[`${name}_pdf`] = `pdf(${d}, ${name}_x)`;
    }
    const c = cols(
      { m: 'uniform(-1, 1)', s: 'uniform(0.5, 2)', z: 'normal(0, 1)', u: 'uniform(0.05, 0.95)' },
      nodes,
      500,
    );
    for (const name of Object.keys(dists)) {
      rows(c[`${name}_inv`]!, (i) => c[`${name}_x`]![i]!, 1e-9, `${name}: quantile(cdf(x))`);
      rows(c[`${name}_slope`]!, (i) => c[`${name}_pdf`]![i]!, 1e-5, `${name}: pdf vs slope of cdf`);
    }
  });

  it('a mixture: cdf and pdf are the weighted sums, quantile inverts the cdf, point components are steps', () => {
    const c = cols(
      {},
      {
        mc: 'cdf(mixture(normal(0, 1), uniform(2, 6), [1, 3]), 1.96)',
        mp: 'pdf(mixture(normal(0, 1), uniform(2, 6), [1, 3]), 3)',
        mq: 'quantile(mixture(normal(0, 1), uniform(2, 6), [1, 3]), 0.25 * 0.975)',
        pc: 'cdf(mixture(0, uniform(1, 2), [0.25, 0.75]), 0)',
        pq: 'quantile(mixture(0, uniform(1, 2), [0.25, 0.75]), 0.2)',
        eq: 'cdf(mixture(uniform(0, 1), uniform(2, 3)), 2.5)',
      },
      10,
    );
    expect(c.mc![0]).toBeCloseTo(0.25 * PHI_196 + 0.75 * 0, 14);
    expect(c.mp![0]).toBeCloseTo(0.25 * (Math.exp(-4.5) / Math.sqrt(2 * Math.PI)) + 0.75 * 0.25, 14);
    expect(c.mq![0]).toBeCloseTo(1.959963984540054, 9);
    expect(c.pc![0]).toBe(0.25);
    expect(c.pq![0]).toBe(0);
    expect(c.eq![0]).toBeCloseTo(0.75, 15);
  });

  it('impossible constant parameters are a located load error; impossible rows are NaN', () => {
    const dir = tempProject({ 'm.yaml': modelText({ x: 'uniform(0, 1)' }, { y: 'cdf(beta(0, 1), x)' }) });
    const p = prepare(loadProject(dir), 'm');
    expect(p.ok).toBe(false);
    if (!p.ok) expect(p.errors[0]!.message).toMatch(/impossible beta\(alpha, beta\).*positive/);
    const c = cols({ x: 'uniform(-1, 1)' }, { y: 'cdf(normal(0, x), 0.5)' }, 1000);
    rows(
      c.y!.map((v, i) => (c.x![i]! <= 0 ? (Number.isNaN(v) ? 0 : 1) : 0)),
      () => 0,
      0,
    );
  });

  it('a mixture inside a mixture is a located error, not an internal failure', () => {
    const text = modelText(
      { x: 'uniform(0, 1)' },
      { y: 'x + cdf(mixture(normal(0, 1), mixture(beta(1, 1), beta(2, 2))), 0.5)' },
    );
    const p = prepare(loadProject(tempProject({ 'm.yaml': text })), 'm');
    expect(p.ok).toBe(false);
    if (!p.ok) {
      expect(p.errors.map((e) => e.code)).toEqual(['not-allowed']);
      expect(p.errors[0]!.message).toMatch(/mixture inside a mixture is not supported/);
      expect(p.errors[0]!.line).toBeGreaterThan(0);
    }
  });

  it('the first argument must be a distribution written out', () => {
    const dir = tempProject({ 'm.yaml': modelText({ x: 'beta(2, 2)' }, { y: 'cdf(x, 0.5)' }) });
    const loaded = loadProject(dir);
    const errs = [
      ...loaded.errors,
      ...(loaded.errors.length ? [] : ((prepare(loaded, 'm') as { errors?: [] }).errors ?? [])),
    ];
    expect(errs.map((e) => e.message).join('\n')).toMatch(/cdf\(…\) takes a distribution first, written out/);
  });
});
