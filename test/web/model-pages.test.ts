// The pages of the site: home, predictions, a model's page with its inputs, panels and their
// downloads (the same numbers as the page drew), compare; panels shown as computing while a worker
// works, workers giving the numbers of in-process runs; and every page's security headers.

import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import request from 'supertest';
import { renderSvg } from '../../src/web/charts/svg.ts';
import { fixture, escapeHtml, editModel, getSvg, scriptsOf, type Fixture } from './helpers.ts';
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

  it('marks the imported inputs that do not reach the output, and computes only those a formula reads', async () => {
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
    // The chain's inputs are computed for the formula of p_iterative_success (which reads the
    // chain's success); an input that neither the output nor any formula reads is not.
    expect(row('evidence.reasoning.p3_spurious_no')).toContain('is-unused');
    const panel = await get(`/models/p-scheming/panels/input-stats?${FAST}`);
    const stats = JSON.parse(/class="input-stats">([^<]*)</.exec(panel.text)![1]!.replace(/&quot;/g, '"'));
    expect(stats).toHaveProperty(['evidence.prior_miri']);
    expect(stats).toHaveProperty(['chain.step_decline']);
    expect(stats).not.toHaveProperty(['evidence.reasoning.p3_spurious_no']);
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
    const svg = await getSvg(f.web.app, href('Chart \\(SVG\\)'));
    expect(svg.status).toBe(200);
    // Every word and number drawn in the server's SVG is the one the page draws.
    const texts = (x: string) => [...x.matchAll(/>([^<>]+)</g)].map((m) => m[1]!.trim()).filter(Boolean);
    expect(texts(svg.text)).toEqual(texts(renderSvg('tornado', data)));
    expect(texts(svg.text).join(' ')).toContain('20,000 samples');
  });

  it.each([
    ['sweep', 'sweep', 'Data'],
    ['grid', 'heatmap', 'Data'],
    ['crux', 'crux', 'Data'],
    ['summary', 'distribution', 'Histogram and CDF'],
    ['graph', 'graph', 'Data'],
  ])('links the %s panel to its JSON and server SVG, with the numbers the panel drew', async (panel, chart, link) => {
    const res = await get(`/models/iterative-chain/panels/${panel}?samples=40000&seed=3&gx=p_step&gy=p_jump`);
    expect(res.status).toBe(200);
    const data = JSON.parse(scriptsOf(res.text).find((s) => s.attrs.includes(`chart-${panel}-${chart}`))!.body);
    const href = (text: string) => {
      const m = new RegExp(`<a href="([^"]+)">${text}</a>`).exec(res.text);
      return m![1]!.replace(/&amp;/g, '&').replace(/&#x3D;/g, '=');
    };
    // Without a script the chart is not drawn, nor its table built: these links are its numbers.
    const json = await get(href(`${link} \\(JSON\\)`));
    expect(json.status).toBe(200);
    // The page's JSON keeps 7 significant digits of fractions.
    const sig = (v: unknown) =>
      JSON.parse(
        JSON.stringify(v, (_, x) => (typeof x === 'number' && !Number.isInteger(x) ? Number(x.toPrecision(7)) : x)),
      );
    expect(sig(json.body)).toEqual(data);
    const svg = await getSvg(f.web.app, href('Chart \\(SVG\\)'));
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

describe('compute workers', () => {
  it('give the same numbers as computing in-process', async () => {
    const url = '/api/models/p-scheming/run?samples=1000&seed=3&scenario=critic';
    const a = await request((await pooled()).web.app).get(url);
    const b = await get(url);
    expect(a.status).toBe(200);
    expect(a.body).toEqual(b.body);
  });
});
