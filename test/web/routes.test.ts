// Route tests: every page and API route, bad parameters and traversal attempts, ETag/304,
// the broken-model banner with the last good version serving, and the security headers.

import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import request from 'supertest';
import { renderSvg } from '../../src/web/charts/svg.ts';
import { fixture, editModel, cli, escapeHtml, scriptsOf, type Fixture } from './helpers.ts';
import { derive, distributionJob, jobFor } from '../../src/web/jobs.ts';
import { UNTIL_READY_MS } from '../support/waits.ts';

const FAST = 'samples=2000';
let f: Fixture;
/** One app with a compute worker, no page budget and no first-screen wait, opened when first asked for. */
let pooledApp: Promise<Fixture> | null = null;
const pooled = () => (pooledApp ??= fixture({ workers: 1, budgetMs: 0, firstScreenMs: 0 }));

beforeAll(async () => {
  f = await fixture();
});
afterAll(async () => {
  await f?.close();
  await (await pooledApp)?.close();
});

const get = (url: string) => request(f.web.app).get(url);
/** An SVG response with its text (supertest leaves image bodies unread). */
const getSvg = (url: string) =>
  request(f.web.app)
    .get(url)
    .buffer(true)
    .parse((res, done) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => done(null, text));
    })
    .then((res) => Object.assign(res, { text: res.body as string }));

describe('pages', () => {
  it('serves the home page with worldviews, models and the predictions scoreboard', async () => {
    const res = await get('/');
    expect(res.status).toBe(200);
    expect(res.type).toBe('text/html');
    expect(res.text).toContain('id="panel-worldviews"');
    expect(res.text).toContain('href="/models/iterative-chain"');
    expect(res.text).toContain('Predictions and their track record');
    expect(res.text).not.toContain('class="banner"');
  }, 300_000);

  it('serves the predictions and each prediction with its criteria and history', async () => {
    // The list is a panel: shown as computing until its runs are done, then in the page.
    await expect
      .poll(async () => (await get('/predictions')).text, { timeout: UNTIL_READY_MS, interval: 250 })
      .toContain('href="/predictions/1"');
    const list = await get('/predictions');
    expect(list.status).toBe(200);
    expect(list.text).toContain('href="/predictions/1"');
    expect(list.text).toContain('data-chart="calibration"');
    const one = await get('/predictions/1');
    expect(one.status).toBe(200);
    expect(one.text).toContain('Resolution criteria');
    expect((await get('/predictions/nope')).status).toBe(404);
    expect((await get('/predictions/..%2F..%2Fpackage.json')).status).toBe(404);
  });

  it('serves a model page with its description, inputs table and what-if form', async () => {
    const res = await get(`/models/iterative-chain?${FAST}`);
    expect(res.status).toBe(200);
    expect(res.text).toContain('<h1>Iterative alignment chain</h1>');
    expect(res.text).toContain('name="set.p_step"');
    expect(res.text).toContain('data-panel="summary"');
    for (const panel of ['tornado', 'sobol', 'sweep', 'grid', 'crux', 'graph'])
      expect(res.text).toContain(`data-panel="${panel}"`);
  });

  it('marks the imported inputs that do not reach the output, and does not compute them', async () => {
    // p_scheming reads the worldview's prior (evidence.prior_miri); the iterative chain's inputs
    // feed other nodes of the model, not its output.
    const res = await get(`/models/p-scheming?${FAST}`);
    const row = (name: string) =>
      new RegExp(
        `<tr class="input-row[^"]*">(?:(?!</tr>).)*name="set\\.${name.replace('.', '\\.')}"(?:(?!</tr>).)*</tr>`,
        's',
      ).exec(res.text)?.[0] ?? '';
    const unused = row('chain.step_decline');
    expect(unused).toContain('is-unused');
    expect(unused).toContain("Does not affect this model's output");
    expect(unused.match(/data-i="\d">—</g)).toHaveLength(3);
    // The chain's inputs, none of which reach the output, are folded into one group, listed after
    // the groups that do; an edit inside the group keeps it open.
    const start = res.text.indexOf('<details class="input-group__unused">');
    expect(start).toBeGreaterThan(0);
    const folded = res.text.slice(start, res.text.indexOf('</table>', start));
    expect(folded).toContain('name="set.chain.step_decline"');
    expect(folded).toMatch(/7 inputs that do not affect this model's output/);
    expect(res.text.indexOf('name="set.chain.step_decline"')).toBeGreaterThan(
      res.text.indexOf('name="set.evidence.prior_miri"'),
    );
    const edited = await get(`/models/p-scheming?${FAST}&set.chain.step_decline=0.99`);
    expect(edited.text).toContain('<details class="input-group__unused" open>');
    const used = row('evidence.prior_miri');
    expect(used).not.toBe('');
    expect(used).not.toContain('is-unused');
    const panel = await get(`/models/p-scheming/panels/input-stats?${FAST}`);
    const stats = JSON.parse(/class="input-stats">([^<]*)</.exec(panel.text)![1]!.replace(/&quot;/g, '"'));
    expect(stats).toHaveProperty(['evidence.prior_miri']);
    expect(stats).not.toHaveProperty(['chain.step_decline']);
  });

  it("computes the output's distribution alone with the page; the headline and the chart share it, the rest waits to be asked", async () => {
    const query = `${FAST}&seed=4321`;
    const res = await get(`/models/p-scheming?${query}`);
    expect(res.status).toBe(200);
    const snapshot = f.web.site.live.current();
    const model = snapshot.project.models.get('p-scheming')!;
    const req = { model: 'p-scheming', samples: 2000, seed: 4321 };
    const distribution = distributionJob(f.web.site.track, snapshot, req);
    expect(f.web.site.results.known(distribution, snapshot)).toBe(true);
    // The summary panel's job for the output is the headline's job (node left out).
    expect(distributionJob(f.web.site.track, snapshot, req, model.output)).toEqual(distribution);
    for (const name of ['summary', 'tornado', 'sobol', 'run'] as const) {
      const job = jobFor(
        f.web.site.track,
        snapshot,
        name,
        derive(name, req, name === 'tornado' ? { samples: 2000 } : {}),
      );
      expect(f.web.site.results.known(job, snapshot), name).toBe(false);
    }
    for (const id of ['tornado', 'input-stats', 'sobol', 'formulas'])
      expect(res.text).toMatch(new RegExp(`id="panel-${id}"[^>]*data-panel-defer`));
    // The headline's numbers are the API's distribution for the same request.
    const panel = await get(`/models/p-scheming/panels/headline?${query}`);
    const api = await get(`/api/models/p-scheming/distribution?${query}`);
    const stats = (api.body.posterior ?? api.body.prior).stats as { mean: number };
    expect(/data-mean="([^"]+)"/.exec(panel.text)![1]).toBe(String(stats.mean));
    expect(api.body.applied.length).toBeGreaterThan(0);
  });

  it('says so when the evidence cannot bear on the chosen quantity, whose posterior is then its prior', async () => {
    // The evidence (the 2025 report, the clean scratchpads) never reads how many generations the
    // iterative chain has: that quantity's posterior is its prior; the output's is not.
    const mechanism = await get(`/models/p-scheming/panels/summary?${FAST}&node=chain.n_steps`);
    expect(mechanism.text).toContain('data-uninformed');
    const output = await get(`/models/p-scheming/panels/summary?${FAST}`);
    expect(output.text).toContain('data-posterior-mean');
    expect(output.text).not.toContain('data-uninformed');
    const api = (await get(`/api/models/p-scheming/run?${FAST}`)).body;
    expect(api.posterior['chain.n_steps']).toEqual(api.nodes['chain.n_steps']);
    expect(api.posterior.p_scheming).not.toEqual(api.nodes.p_scheming);
  });

  it('renders a panel on its own, for the page to fetch when it was still computing', async () => {
    const res = await get(`/models/iterative-chain/panels/tornado?${FAST}`);
    expect(res.status).toBe(200);
    expect(res.text).toMatch(/^<section class="panel panel--tornado panel--ready"/);
    expect(res.text).toContain('data-chart="tornado"');
    expect((await get(`/models/iterative-chain/panels/nope?${FAST}`)).status).toBe(400);
  });

  it("links a panel's downloads to the panel's own samples: the same numbers as the page drew", async () => {
    // The page runs 40,000 samples; its tornado panel the page's count for a tornado (20,000).
    const res = await get('/models/iterative-chain/panels/tornado?samples=40000&seed=3');
    expect(res.status).toBe(200);
    const data = JSON.parse(scriptsOf(res.text).find((s) => s.attrs.includes('chart-tornado-tornado'))!.body);
    expect(data.samples).toBe(20_000);
    const href = (text: string) => {
      const m = new RegExp(`<a href="([^"]+)">${text}</a>`).exec(res.text);
      return m![1]!.replace(/&amp;/g, '&').replace(/&#x3D;/g, '=');
    };
    const json = (await get(href('Data \\(JSON\\)'))).body;
    expect(json.samples).toBe(20_000);
    // The page's JSON keeps 7 significant digits.
    const sig = (v: unknown) =>
      JSON.parse(JSON.stringify(v, (_, x) => (typeof x === 'number' ? Number(x.toPrecision(7)) : x)));
    expect(sig(json.rows)).toEqual(sig(data.rows));
    const svg = await getSvg(href('Chart \\(SVG\\)'));
    expect(svg.status).toBe(200);
    // Every word and number drawn in the server's SVG is the one the page draws.
    const texts = (x: string) => [...x.matchAll(/>([^<>]+)</g)].map((m) => m[1]!.trim()).filter(Boolean);
    expect(texts(svg.text)).toEqual(texts(renderSvg('tornado', data)));
    expect(texts(svg.text).join(' ')).toContain('20,000 samples');
  });

  it.each([
    ['sweep', 'sweep'],
    ['grid', 'heatmap'],
    ['crux', 'crux'],
  ])('links the %s panel to its JSON and server SVG, with the numbers the panel drew', async (panel, chart) => {
    const res = await get(`/models/iterative-chain/panels/${panel}?samples=40000&seed=3&gx=p_step&gy=p_jump`);
    expect(res.status).toBe(200);
    const data = JSON.parse(scriptsOf(res.text).find((s) => s.attrs.includes(`chart-${panel}-${chart}`))!.body);
    const href = (text: string) => {
      const m = new RegExp(`<a href="([^"]+)">${text}</a>`).exec(res.text);
      return m![1]!.replace(/&amp;/g, '&').replace(/&#x3D;/g, '=');
    };
    const json = await get(href('Data \\(JSON\\)'));
    expect(json.status).toBe(200);
    // The page's JSON keeps 7 significant digits of fractions.
    const sig = (v: unknown) =>
      JSON.parse(
        JSON.stringify(v, (_, x) => (typeof x === 'number' && !Number.isInteger(x) ? Number(x.toPrecision(7)) : x)),
      );
    expect(sig(json.body)).toEqual(data);
    const svg = await getSvg(href('Chart \\(SVG\\)'));
    expect(svg.status).toBe(200);
    const texts = (x: string) => [...x.matchAll(/>([^<>]+)</g)].map((m) => m[1]!.trim()).filter(Boolean);
    // Drawn from the API's numbers (the page's are rounded to 7 digits, which can move a tick).
    expect(texts(svg.text)).toEqual(texts(renderSvg(chart as 'sweep', json.body)));
  });

  it('shows a panel as computing, with its own URL, when it is not ready within the budget', async () => {
    const slow = await pooled();
    const res = await request(slow.web.app).get('/models/iterative-chain?samples=3000&seed=7');
    expect(res.status).toBe(200);
    expect(res.text).toContain(
      `data-panel-src="${escapeHtml('/models/iterative-chain/panels/summary?samples=3000&seed=7')}"`,
    );
    expect(res.text).toContain('class="progress"');
    const panel = await request(slow.web.app).get('/models/iterative-chain/panels/summary?samples=3000&seed=7');
    expect(panel.status).toBe(200);
    expect(panel.text).toContain('data-chart="distribution"');
  });

  it('serves the compare page with both views and the crux', async () => {
    const res = await get(`/models/iterative-chain/compare?a=&b=critic&${FAST}`);
    expect(res.status).toBe(200);
    expect(res.text).toContain('Compare two views');
    expect(res.text).toContain('data-panel="a"');
    expect(res.text).toContain('data-panel="b"');
    expect(res.text).toContain('Where the views differ');
    const b = await get(`/models/iterative-chain/compare/panels/b?a=&b=critic&${FAST}`);
    expect(b.status).toBe(200);
    expect(b.text).toContain('id="chart-b-distribution"');
    expect(b.text).toContain('"scenario":"critic"');
    const crux = await get(`/models/iterative-chain/compare/panels/crux?a=&b=critic&${FAST}`);
    expect(crux.status).toBe(200);
    expect(crux.text).toContain('data-chart="crux"');
  });

  it("keeps an invalid what-if expression in its field with the CLI's message beside it, in the field's terms", async () => {
    const text = 'beta(2,';
    const res = await get(`/models/iterative-chain?set.p_step=${encodeURIComponent(text)}&${FAST}`);
    expect(res.status).toBe(400);
    const { err, code } = await cli(
      ['run', 'iterative-chain', '--set', `p_step=${text}`, '--samples', '100'],
      f.modelsDir,
    );
    expect(code).toBe(2);
    const [, col, message] = /^--set p_step:(\d+): (.*)$/.exec(err[0]!)!;
    // The CLI counts the columns of `p_step=`; beside the field, the column is in what was typed.
    const at = Number(col) - 'p_step='.length;
    expect(at).toBe(text.length + 1);
    expect(res.text).toContain(
      `<div class="field-error" id="err-p_step" role="alert"><code>${escapeHtml(`At character ${at}: ${message}`)}</code></div>`,
    );
    expect(res.text).toContain(`name="set.p_step" value="${escapeHtml(text)}"`);
  });

  it('answers a bad page parameter with a message naming it, keeping the form', async () => {
    const res = await get('/models/iterative-chain?samples=-5');
    expect(res.status).toBe(400);
    expect(res.text).toContain('samples must be from 1 to 1,000,000');
    expect(res.text).toContain('name="set.p_step"');
  });

  it('drops what-if edits equal to the model, so equal views share one link', async () => {
    const res = await get(
      `/models/iterative-chain?set.p_step=0.98&set.step_decline=${encodeURIComponent('0.99')}&${FAST}`,
    );
    expect(res.status).toBe(200);
    // Panels below the first screen wait for the reader, so their links are on every page.
    expect(res.text).toContain(
      escapeHtml('/models/iterative-chain/panels/formulas?set.step_decline=0.99&samples=2000'),
    );
    expect(res.text).not.toContain(escapeHtml('set.p_step=0.98'));
  });

  it.each([
    '/models/..%2Fpackage',
    '/models/%2e%2e',
    '/models/..',
    '/models/..%2F..%2Fetc%2Fpasswd',
    '/models/nope',
    '/models/predictions',
    '/models/.hidden',
    '/models/iterative-chain.yml',
    '/models/predictions.yaml',
    '/models/..%2Fpackage.yaml',
    '/models/.hidden.yaml',
    '/models/nope/file',
    '/models/nope/edit',
    '/models/..%2Fmodels%2Fiterative-chain',
  ])('rejects %s with 404', async (url) => {
    const res = await get(url);
    expect(res.status).toBe(404);
    expect(res.text).not.toMatch(/\bat .+\.ts:\d+/);
  });

  it('answers every API error with a code to branch on: the problem’s own, else the refusal’s kind', async () => {
    const route = await get('/api/no-such-route');
    expect([route.status, route.body.code]).toEqual([404, 'not-found']);
    const model = await get('/api/models/no-such-model/run');
    expect([model.status, model.body.code]).toEqual([404, 'not-found']);
    const bad = await get('/api/models/iterative-chain/run?samples=-5');
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('invalid-request');
  });

  it('has a 404 page for unknown paths and never leaks a stack trace on errors', async () => {
    const res = await get('/no/such/page');
    expect(res.status).toBe(404);
    expect(res.text).toContain('Not found');
    const bad = await get('/models/%E0%A4%A');
    expect(bad.status).toBeLessThan(500);
    expect(bad.text).not.toMatch(/Error:|\bat .+:\d+:\d+/);
  });

  it('answers an unexpected failure with a short 500, no stack trace', async () => {
    const orig = f.web.site.results.get.bind(f.web.site.results);
    f.web.site.results.get = () => Promise.reject(new Error('secret internal detail'));
    const errors: unknown[] = [];
    const log = console.error;
    console.error = (...a: unknown[]) => errors.push(a);
    try {
      const api = await get('/api/models/iterative-chain/run?samples=1234');
      expect(api.status).toBe(500);
      expect(api.body.error).toMatch(/something went wrong/);
      expect(api.body.code).toBe('internal');
      expect(api.text).not.toContain('secret');
      const page = await get('/models/iterative-chain/panels/summary?samples=1234');
      expect(page.status).toBe(500);
      expect(page.text).not.toContain('secret');
      expect(errors.length).toBeGreaterThan(0);
    } finally {
      f.web.site.results.get = orig;
      console.error = log;
    }
  });
});

describe('security headers', () => {
  it.each([
    '/',
    '/predictions',
    `/models/iterative-chain?${FAST}`,
    `/models/iterative-chain/compare?b=critic&${FAST}`,
    '/nope',
  ])('%s has a CSP without inline script, and no inline script', async (url) => {
    const res = await get(url);
    const csp = res.headers['content-security-policy'] as string;
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).toContain("object-src 'none'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-powered-by']).toBeUndefined();
    for (const s of scriptsOf(res.text)) {
      if (/\bsrc=/.test(s.attrs)) expect(s.body.trim()).toBe('');
      else {
        expect(s.attrs).toContain('type="application/json"');
        expect(() => JSON.parse(s.body)).not.toThrow();
      }
    }
    expect(res.text).not.toMatch(/\son[a-z]+="/);
  });

  it('keeps page data inert inside its script element', async () => {
    editModel(f.modelsDir, 'iterative-chain', (t) =>
      t.replace('title: Iterative alignment chain', 'title: "Iterative </script><script>alert(1)</script> chain"'),
    );
    try {
      const res = await get(`/models/iterative-chain?${FAST}`);
      expect(res.status).toBe(200);
      expect(res.text).not.toContain('<script>alert(1)</script>');
      expect(res.text).toContain('Iterative &lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt; chain');
    } finally {
      editModel(f.modelsDir, 'iterative-chain', (t) =>
        t.replace('title: "Iterative </script><script>alert(1)</script> chain"', 'title: Iterative alignment chain'),
      );
    }
  });
});

describe('API', () => {
  it('lists the models', async () => {
    const res = await get('/api/models');
    expect(res.status).toBe(200);
    expect(res.body.models.map((m: { id: string }) => m.id)).toContain('p-scheming');
    expect(res.body.errors).toEqual([]);
  });

  it('describes one model', async () => {
    const res = await get('/api/models/iterative-chain');
    expect(res.status).toBe(200);
    expect(res.body.inputs.p_step.dist).toBe('0.98');
    expect(Object.keys(res.body.scenarios)).toContain('critic');
  });

  it('runs a model with exactly the JSON `credence run --json` prints', async () => {
    const args = ['--samples', '3000', '--seed', '5', '--scenario', 'critic', '--set', 'p_jump=beta(2, 2)'];
    const res = await get(
      '/api/models/iterative-chain/run?samples=3000&seed=5&scenario=critic&set.p_jump=beta(2,%202)',
    );
    expect(res.status).toBe(200);
    const { out, code } = await cli(['run', 'iterative-chain', ...args, '--json'], f.modelsDir);
    expect(code).toBe(0);
    expect(res.body).toEqual(JSON.parse(out.join('\n')));
  });

  it('returns prior and posterior with the effective sample size when evidence applies', async () => {
    const res = await get('/api/models/evidence-2025/run?samples=2000');
    expect(res.status).toBe(200);
    expect(res.body.posterior).not.toBeNull();
    expect(res.body.ess).toBeGreaterThan(0);
    const none = await get('/api/models/evidence-2025/run?samples=2000&evidence=none');
    expect(none.body.posterior).toBeNull();
  });

  it('answers 304 to a repeat request with its ETag', async () => {
    const url = `/api/models/iterative-chain/run?${FAST}&seed=11`;
    const first = await get(url);
    expect(first.status).toBe(200);
    const etag = first.headers.etag as string;
    expect(etag).toBeTruthy();
    const again = await get(url).set('If-None-Match', etag);
    expect(again.status).toBe(304);
    const page = await get(`/models/iterative-chain?${FAST}`);
    const pageAgain = await get(`/models/iterative-chain?${FAST}`).set('If-None-Match', page.headers.etag as string);
    expect(pageAgain.status).toBe(304);
  });

  it('runs each sensitivity method', async () => {
    const tornado = await get(`/api/models/iterative-chain/sensitivity?method=tornado&${FAST}`);
    expect(tornado.status).toBe(200);
    expect(tornado.body.analysis).toBe('tornado');
    const inputs = Object.keys((await get('/api/models/iterative-chain')).body.inputs);
    expect(tornado.body.rows.length + tornado.body.excluded.length).toBe(inputs.length);
    for (const method of ['sweep', 'importance']) {
      const r = await get(`/api/models/iterative-chain/sensitivity?method=${method}&samples=1000`);
      expect(r.status).toBe(200);
      expect(r.body.analysis).toBe(method);
    }
    const grid = await get(
      '/api/models/iterative-chain/sensitivity?method=grid&samples=500&inputs=p_aligned_if_not_scheming,n_generations',
    );
    expect(grid.status).toBe(200);
    expect(grid.body.x.input).toBe('p_aligned_if_not_scheming');
    const sobol = await get('/api/models/iterative-chain/sensitivity?method=sobol&samples=256');
    expect(sobol.status).toBe(200);
    expect(sobol.body.rows[0]).toHaveProperty('firstCI');
    const threshold = await get('/api/models/iterative-chain/sensitivity?method=threshold&threshold=0.3&samples=500');
    expect(threshold.status).toBe(200);
  });

  it('decomposes the gap between two scenarios', async () => {
    const res = await get(`/api/models/p-scheming/crux?from=carlsmith-2023&to=roger-2025&samples=1000`);
    expect(res.status).toBe(200);
    expect(res.body.analysis).toBe('crux');
    const sum = res.body.parts.reduce((s: number, p: { shapley: number }) => s + p.shapley, 0);
    expect(sum).toBeCloseTo(res.body.difference, 10);
  });

  it('serves the samples of any node as CSV', async () => {
    const res = await get('/api/models/iterative-chain/samples.csv?samples=100&node=p_base');
    expect(res.status).toBe(200);
    expect(res.type).toBe('text/csv');
    expect(res.headers['content-disposition']).toContain('iterative-chain-p_base.csv');
    const lines = res.text.trim().split('\n');
    expect(lines[0]).toBe('sample,p_base');
    expect(lines).toHaveLength(101);
    const weighted = await get('/api/models/evidence-2025/samples.csv?samples=50');
    expect(weighted.text.split('\n')[0]).toMatch(/,weight$/);
    expect((await get('/api/models/iterative-chain/samples.csv?node=nope&samples=10')).status).toBe(400);
  });

  it('serves distribution and graph data', async () => {
    const d = await get(`/api/models/iterative-chain/distribution?${FAST}&node=p_base`);
    expect(d.status).toBe(200);
    expect(d.body.node).toBe('p_base');
    expect(d.body.prior.bins.length).toBeGreaterThan(5);
    const g = await get('/api/models/iterative-chain/graph');
    expect(g.status).toBe(200);
    expect(g.body.nodes.length).toBeGreaterThan(5);
  });

  it('describes itself as OpenAPI 3.1', async () => {
    const res = await get('/api/openapi.json');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toBe('3.1.0');
    for (const p of [
      '/api/models',
      '/api/models/{id}',
      '/api/models/{id}/run',
      '/api/models/{id}/sensitivity',
      '/api/models/{id}/crux',
      '/api/models/{id}/samples.csv',
    ])
      expect(res.body.paths).toHaveProperty([p]);
    // The write routes, with the bodies their zod schemas accept and the bearer token they need.
    const resolve = res.body.paths['/api/predictions/{pid}/resolution'].post;
    expect(resolve.security).toEqual([{ bearer: [] }]);
    const body = resolve.requestBody.content['application/json'].schema;
    expect(body.required).toEqual(['outcome', 'note', 'version']);
    expect(body.properties.outcome.enum).toEqual(['yes', 'no', 'ambiguous', 'annulled', 'unresolved']);
    expect(body.additionalProperties).toBe(false);
    expect(Object.keys(resolve.responses).sort()).toEqual(['201', '400', '401', '403', '404', '409', '422', '429']);
    const forecast =
      res.body.paths['/api/predictions/{pid}/forecasts'].post.requestBody.content['application/json'].schema;
    expect(forecast.properties.credence).toMatchObject({ type: 'number', exclusiveMinimum: 0, exclusiveMaximum: 1 });
    expect(res.body.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
  });

  it('lists the predictions and one prediction with its history', async () => {
    const list = await get('/api/predictions');
    expect(list.status).toBe(200);
    expect(list.body.predictions.length).toBeGreaterThan(0);
    const id = list.body.predictions[0].id;
    const one = await get(`/api/predictions/${id}`);
    expect(one.status).toBe(200);
    expect(one.body).toMatchObject({ id, status: 'open', version: 0 });
    expect((await get('/api/predictions/nope')).status).toBe(404);
  });

  it.each([
    ['samples=0', /^samples must be from 1 to 1,000,000$/],
    ['samples=1000001', /^samples must be from 1 to 1,000,000$/],
    ['samples=abc', /^samples must be a number$/],
    ['samples=1.5', /^samples must be a whole number$/],
    ['seed=0.5', /^seed must be a whole number$/],
    ['sampler=halton', /^sampler must be 'mc', 'lhs' or 'sobol'$/],
    ['scenario=nope', /has no scenario 'nope'/],
    ['evidence=nope', /has no evidence named 'nope'/],
    ['colour=red', /^colour: unknown parameter/],
    ['set.p_step=beta(2,', /^--set p_step:\d+: /],
    ['set.p_step=evaluate(1)', /^--set p_step:\d+: .*evaluate/],
    ['set.nope=1', /'nope' is not an input/],
  ])('/run?%s is a 400 naming the parameter', async (q, message) => {
    const res = await get(`/api/models/iterative-chain/run?${q}`);
    expect(res.status).toBe(400);
    expect(res.body.error).toMatch(message);
  });

  it.each([
    ['/api/models/iterative-chain/sensitivity?method=bogus', /^method must be one of/],
    ['/api/models/iterative-chain/sensitivity?method=tornado&inputs=nope&samples=100', /nope/],
    ['/api/models/iterative-chain/sensitivity?method=threshold&threshold=x', /^threshold must be a number$/],
    ['/api/models/iterative-chain/crux?from=nope', /has no scenario 'nope'/],
    ['/api/models/iterative-chain/distribution?node=nope&samples=10', /no quantity 'nope'/],
  ])('%s is a 400 with a message', async (url, message) => {
    const res = await get(url);
    expect(res.status).toBe(400);
    expect(res.body.error).toMatch(message);
  });

  it.each([
    '/api/models/%2e%2e/run',
    '/api/models/..%2Fpackage/run',
    '/api/models/..%2F..%2Fpackage.json',
    '/api/models/nope',
    '/api/models/nope/run',
    '/api/models/predictions/run',
    '/api/models/%2Fetc%2Fpasswd/run',
    '/charts/..%2Fpackage/distribution.svg',
    '/charts/%2e%2e/tornado.svg',
    '/static/..%2F..%2Fpackage.json',
    '/static/%2e%2e/%2e%2e/package.json',
  ])('rejects %s with 404', async (url) => {
    const res = await get(url);
    expect(res.status).toBe(404);
    expect(res.text).not.toContain('"dependencies"');
  });

  it('has a JSON 404 for unknown API routes', async () => {
    const res = await get('/api/nope');
    expect(res.status).toBe(404);
    expect(res.body.error).toMatch(/no API route/);
  });
});

describe('charts as SVG', () => {
  it('draws a standalone SVG with the same query parameters', async () => {
    const res = await getSvg(`/charts/iterative-chain/tornado.svg?${FAST}`);
    expect(res.status).toBe(200);
    expect(res.type).toBe('image/svg+xml');
    expect(res.text.startsWith('<?xml')).toBe(true);
    expect(res.text).toContain('xmlns="http://www.w3.org/2000/svg"');
    const tornado = (await get(`/api/models/iterative-chain/sensitivity?method=tornado&${FAST}`)).body;
    expect(res.text.match(/class="bar"/g)?.length).toBe(tornado.rows.length);
    expect(res.headers['cross-origin-resource-policy']).toBe('cross-origin');
    // Kept with its ETag like the API's bodies: a reader who has it gets a 304.
    const again = await get(`/charts/iterative-chain/tornado.svg?${FAST}`).set('If-None-Match', res.headers.etag!);
    expect(again.status).toBe(304);
  });

  it.each(['distribution', 'cdf', 'sobol', 'sweep', 'heatmap', 'crux', 'graph', 'worldviews'])(
    'draws %s',
    async (chart) => {
      const res = await getSvg(`/charts/iterative-chain/${chart}.svg?samples=500&width=640`);
      expect(res.status).toBe(200);
      expect(res.text).toContain('<svg');
      expect(res.text).toContain('viewBox="0 0 640 ');
    },
  );

  it('rejects unknown charts and bad sizes', async () => {
    expect((await get('/charts/iterative-chain/nope.svg')).status).toBe(404);
    expect((await get('/charts/iterative-chain/tornado.svg?width=5')).status).toBe(400);
    expect((await get('/charts/nope/tornado.svg')).status).toBe(404);
  });
});

describe('live reload', () => {
  it('shows an edit on the next request and keeps serving the last good version of a broken file, with a banner', async () => {
    editModel(f.modelsDir, 'speed-costs', (t) => t.replace(/^title: .*$/m, 'title: Speed costs, edited'));
    const edited = await get('/models/speed-costs?samples=500');
    expect(edited.status).toBe(200);
    expect(edited.text).toContain('<h1>Speed costs, edited</h1>');

    editModel(f.modelsDir, 'speed-costs', (t) => t.replace(/^inputs:/m, 'inputs:\n  broken: { dist: beta(2 }'));
    const broken = await get('/models/speed-costs?samples=500');
    expect(broken.status).toBe(200);
    expect(broken.text).toContain('<h1>Speed costs, edited</h1>');
    expect(broken.text).toContain('class="banner"');
    expect(broken.text).toMatch(/<li><code>[^<]*speed-costs\.yaml:\d+:\d+: [^<]+<\/code><\/li>/);
    const home = await get('/');
    expect(home.status).toBe(200);
    expect(home.text).toContain('class="banner"');
    const api = await get('/api/models');
    expect(api.body.models.find((m: { id: string }) => m.id === 'speed-costs').stale).toBe(true);
    expect(api.body.errors[0].file).toMatch(/speed-costs\.yaml$/);
    expect((await get('/api/models/speed-costs/run?samples=200')).status).toBe(200);

    editModel(f.modelsDir, 'speed-costs', (t) => t.replace('\n  broken: { dist: beta(2 }', ''));
    const fixed = await get('/models/speed-costs?samples=500');
    expect(fixed.text).not.toContain('class="banner"');
  });

  it('keeps the models that import a broken file running on its last good version', async () => {
    expect((await get('/api/models/p-scheming/run?samples=300')).status).toBe(200);
    editModel(f.modelsDir, 'counting-argument', (t) => t.replace(/^output:/m, 'output: [broken\noutput_was:'));
    try {
      const page = await get('/models/p-scheming?samples=300');
      expect(page.status).toBe(200);
      expect(page.text).toContain('class="banner"');
      expect(page.text).toMatch(/counting-argument\.yaml:\d+:\d+: /);
      expect((await get('/api/models/p-scheming/run?samples=300')).status).toBe(200);
      expect((await get('/api/models/counting-argument/run?samples=300')).status).toBe(200);
    } finally {
      editModel(f.modelsDir, 'counting-argument', (t) => t.replace('output: [broken\noutput_was:', 'output:'));
    }
    expect((await get('/models/p-scheming?samples=300')).text).not.toContain('class="banner"');
  });

  it('caches results by model content: an edit gives new numbers, and the old ones come back with the old text', async () => {
    const url = '/api/models/iterative-chain/run?samples=500';
    const before = (await get(url)).body.nodes.p_step.mean;
    editModel(f.modelsDir, 'iterative-chain', (t) => t.replace('dist: 0.98', 'dist: 0.9'));
    const after = (await get(url)).body.nodes.p_step.mean;
    expect(before).toBe(0.98);
    expect(after).toBe(0.9);
    editModel(f.modelsDir, 'iterative-chain', (t) => t.replace('dist: 0.9\n', 'dist: 0.98\n'));
    expect((await get(url)).body.nodes.p_step.mean).toBe(0.98);
  });
});

describe('rate limit', () => {
  it('limits computations per client, not cached views, until the window ends', async () => {
    // The window is counted on a clock stepped by hand: however slow the requests, they fall
    // in one window until the test moves it on.
    let now = Date.UTC(2026, 0, 1);
    const limited = await fixture({ rateLimit: { windowMs: 60_000, limit: 2, clock: () => now } });
    try {
      const app = limited.web.app;
      expect((await request(app).get('/api/models/iterative-chain/run?samples=100&seed=1')).status).toBe(200);
      expect((await request(app).get('/api/models/iterative-chain/run?samples=100&seed=2')).status).toBe(200);
      const third = await request(app).get('/api/models/iterative-chain/run?samples=100&seed=3');
      expect(third.status).toBe(429);
      expect(third.body.error).toMatch(/too many computations/);
      expect((await request(app).get('/api/models/iterative-chain/run?samples=100&seed=1')).status).toBe(200);
      expect((await request(app).get('/api/models')).status).toBe(200);
      now += 59_999;
      expect((await request(app).get('/api/models/iterative-chain/run?samples=100&seed=4')).status).toBe(429);
      now += 1;
      expect((await request(app).get('/api/models/iterative-chain/run?samples=100&seed=4')).status).toBe(200);
    } finally {
      await limited.close();
    }
  });
});

describe('compute workers', () => {
  it('give the same numbers as computing in-process', async () => {
    const url = '/api/models/p-scheming/run?samples=1000&seed=3&scenario=critic';
    const a = await request((await pooled()).web.app).get(url);
    const b = await get(url);
    expect(a.status).toBe(200);
    expect(a.body).toEqual(b.body);
  });
});

describe('CLI', () => {
  it('lists the serve command', async () => {
    const { out } = await cli(['help'], f.modelsDir);
    expect(out.join('\n')).toMatch(/serve\s+serve the web app/);
  });
});
