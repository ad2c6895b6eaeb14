// Page routes: parse the URL, build the page's view model, render. Panels that were not ready
// in time are fetched by the page's script from /…/panels/<id>, which renders the same partial.

import { Router, type Request, type Response } from 'express';
import { findModel, type Site } from '../site.ts';
import { queryOf, rejectUnknown } from '../query.ts';
import { requestKeys } from '../../analysis/registry/index.ts';
import { modelPage, planModelPage, finishModelPage, planReady, scenarioOf } from '../pages/model.ts';
import { comparePage } from '../pages/compare.ts';
import { modelsPanel, worldviewsSpec, homeHeadlineSpec } from '../pages/home.ts';
import { settlePanels, type Panel } from '../pages/panels.ts';
import { renderPage, cachedPage, layoutContext, pageKey, type ShareMeta } from './render.ts';
import { sendRendered } from '../rendered.ts';
import { sendStreamed } from '../streamed.ts';
import { nextSlice } from '../slices.ts';
import type { Model } from '../../model/load.ts';
import type { CheckedRequest } from '../pages/request.ts';
import { formatError } from '../../model/errors.ts';
import { impactPanel, outputName } from '../impact.ts';
import { answerText } from './share.ts';
import type { ModelPage } from '../pages/model.ts';

type Gate = (req: Request, res: Response) => Promise<void>;

/** A model page's title names its view: the model, then the scenario and whether inputs were changed. */
function modelTitle(page: { model: Model; checked: CheckedRequest }): string {
  const parts = [page.model.title];
  const scenario = scenarioOf(page.checked);
  if (scenario) parts.push(`view “${scenario.label}”`);
  const k = Object.keys(page.checked.request.set).length;
  if (k > 0) parts.push(`what-if (${k} input${k === 1 ? '' : 's'} changed)`);
  return parts.join(', ');
}

/** The run parameters of a page's query (what its preview chart needs), as a query string. */
function runQuery(query: string): string {
  const q = new URLSearchParams(query.replace(/^\?/, ''));
  const keys = requestKeys('distribution').filter((k) => k !== 'model' && k !== 'set');
  const keep = new URLSearchParams([...q].filter(([k]) => keys.includes(k) || k.startsWith('set.')));
  const s = keep.toString();
  return s ? `?${s}` : '';
}

/** The overview: the headline number, what would change it, the worldviews and every model. */
function homePage(site: Site, req: Request, res: Response) {
  return cachedPage(site, req, res, async (snapshot) => {
    rejectUnknown(queryOf(req.originalUrl), []);
    const spec = worldviewsSpec(site, snapshot);
    const head = homeHeadlineSpec(site, snapshot);
    const [headline, worldviews] = await Promise.all([
      head ? settlePanels(site.results, snapshot, [head], site.budgetMs).then((p) => p[0]) : null,
      spec ? settlePanels(site.results, snapshot, [spec], site.budgetMs).then((p) => p[0]) : null,
    ]);
    const model = site.headline ? snapshot.project.models.get(site.headline) : undefined;
    const [models, impact] = await Promise.all([
      modelsPanel(site, snapshot, site.budgetMs),
      model ? impactPanel(site, snapshot, model, `/impact/${model.id}`, site.budgetMs) : null,
    ]);
    const board = site.track?.board(snapshot) ?? null;
    const catalogErrors = site.track?.catalog(snapshot).errors.map(formatError) ?? [];
    const question = typeof headline?.extra.question === 'string' ? headline.extra.question : '';
    const title = `Overview: ${model ? outputName(model) : 'the models'} and what would change it`;
    const html = renderPage(site, snapshot, 'home', title, {
      share: { description: answerText(question, headline), image: '/og/home.png' },
      headlinePanel: headline,
      impact,
      worldviews,
      modelsPanel: models,
      board,
      catalogErrors,
    });
    const panels = [headline, worldviews, models, impact];
    return { html, status: 200, complete: panels.every((p) => p?.state !== 'pending') };
  });
}

/** One of the overview's panels alone, for a page that sent it while it was computing. */
async function homePanel(site: Site, gate: Gate, req: Request, res: Response) {
  const snapshot = site.live.current();
  rejectUnknown(queryOf(req.originalUrl), []);
  const name = String(req.params.panel);
  let html: string;
  if (name === 'headline' || name === 'worldviews') {
    const spec = name === 'headline' ? homeHeadlineSpec(site, snapshot) : worldviewsSpec(site, snapshot);
    if (!spec) return void res.status(404).type('text/plain').send('there is no overall model');
    if (name === 'worldviews' && !site.results.known(spec.job, snapshot)) await gate(req, res);
    const [panel] = await settlePanels(site.results, snapshot, [spec], 600_000);
    html = site.views.partial('panel', { panel, ...layoutContext(site, snapshot, '') });
  } else if (name === 'models') {
    // Every model's default run: a fixed, bounded set of computations, not counted.
    const panel = await modelsPanel(site, snapshot, 600_000);
    html = site.views.partial('panel-models-wrap', { panel });
  } else {
    return void res.status(404).type('text/plain').send(`there is no panel '${name}'`);
  }
  res.type('html').set('Cache-Control', 'no-cache').send(html);
}

/**
 * A model page. Sent whole when its first screen's results are known; otherwise its top goes
 * out at once (the browser loads the stylesheet and script meanwhile) and the rest, with the
 * headline and the output's distribution, as soon as they are computed, or after
 * `site.firstScreenMs` with those still computing (the page's script fetches them then).
 */
async function modelPageRoute(site: Site, gate: Gate, req: Request, res: Response) {
  const snapshot = site.live.current();
  const key = pageKey(site, snapshot, req);
  const hit = site.rendered.get(key);
  if (hit) return sendRendered(req, res, hit);
  const model = findModel(snapshot, String(req.params.id));
  const plan = await planModelPage(site, snapshot, model, queryOf(req.originalUrl), undefined, () => gate(req, res));
  const status = plan.problem || !plan.checked.ok ? 400 : 200;
  const whole = planReady(site, snapshot, plan);
  const finish = async (waitMs: number) => {
    const [page, impact] = await Promise.all([
      finishModelPage(site, snapshot, plan, waitMs),
      // Not part of the first screen's wait: when its runs are late the page's script fetches it.
      impactPanel(site, snapshot, model, `/impact/${model.id}`, site.budgetMs),
    ]);
    const complete = page.panels.every((p) => p.state !== 'pending') && impact?.state !== 'pending';
    return { page, impact, complete };
  };
  if (whole) {
    const { page, impact, complete } = await finish(site.budgetMs);
    await nextSlice();
    const r = site.rendered.make(
      renderPage(site, snapshot, 'model', modelTitle(plan), modelContext(page, impact)),
      'html',
      status,
    );
    if (complete) site.rendered.set(key, r);
    return sendRendered(req, res, r);
  }
  // The link previews' description names the answer only on a page sent whole (a repeat visit).
  const layout = layoutContext(site, snapshot, modelTitle(plan), modelShare(plan, undefined));
  const { top, bottom } = site.views.layout(layout);
  await sendStreamed(req, res, status, top, async () => {
    const { page, impact } = await finish(Math.max(site.budgetMs, site.firstScreenMs));
    await nextSlice();
    return {
      body: site.views.body('model', { ...layout, ...modelContext(page, impact), share: layout.share }),
      bottom,
    };
  });
}

/** What the model page's template reads besides the layout. */
function modelContext(page: ModelPage, impact: Panel | null) {
  return {
    page,
    impact,
    share: modelShare(page, answerText(page.question, page.panelById.headline)),
  };
}

/** A model page's link preview: its view's address, the answer when known, its chart. */
function modelShare(page: { model: Model; query: string }, description: string | undefined): ShareMeta {
  const { model, query } = page;
  return {
    path: `/models/${model.id}${query}`,
    description,
    image: `/og/models/${model.id}.png${runQuery(query)}`,
    imageAlt: `${model.title}: the distribution of its output`,
  };
}

/** The resolution-impact panel alone, for pages that sent it while its runs were computing. */
async function impactPanelRoute(site: Site, req: Request, res: Response) {
  const snapshot = site.live.current();
  const model = findModel(snapshot, String(req.params.model));
  const panel = await impactPanel(site, snapshot, model, req.originalUrl, 600_000);
  if (!panel) return void res.status(404).type('text/plain').send('no prediction reaches this model');
  res.type('html').set('Cache-Control', 'no-cache').send(site.views.partial('panel', { panel }));
}

async function modelPanel(site: Site, gate: Gate, req: Request, res: Response) {
  const snapshot = site.live.current();
  const model = findModel(snapshot, String(req.params.id));
  const query = queryOf(req.originalUrl);
  const page = await modelPage(site, snapshot, model, query, String(req.params.panel), () => gate(req, res));
  const panel = page.panels[0];
  if (page.problem) return void res.status(400).type('text/plain').send(page.problem);
  if (!panel)
    return void res
      .status(400)
      .type('text/plain')
      .send(page.checked.errors.join('\n') || 'the request has errors');
  res.type('html').set('Cache-Control', 'no-cache').send(site.views.partial('panel', { panel, page }));
}

function comparePageRoute(site: Site, gate: Gate, req: Request, res: Response) {
  return cachedPage(site, req, res, async (snapshot) => {
    const model = findModel(snapshot, String(req.params.id));
    const page = await comparePage(site, snapshot, model, queryOf(req.originalUrl), () => gate(req, res));
    const html = renderPage(site, snapshot, 'compare', `${model.title}: compare`, { page });
    const bad = page.problem !== null || !page.a.checked.ok || !page.b.checked.ok;
    return { html, status: bad ? 400 : 200, complete: page.panels.every((p) => p.state !== 'pending') };
  });
}

async function comparePanel(site: Site, gate: Gate, req: Request, res: Response) {
  const snapshot = site.live.current();
  const model = findModel(snapshot, String(req.params.id));
  const query = queryOf(req.originalUrl);
  const page = await comparePage(site, snapshot, model, query, () => gate(req, res), String(req.params.panel));
  const panel = page.panels[0];
  if (!panel) return void res.status(404).type('text/plain').send(`there is no panel '${req.params.panel}'`);
  res.type('html').set('Cache-Control', 'no-cache').send(site.views.partial('panel', { panel, page }));
}

export function pageRoutes(site: Site, gate: Gate): Router {
  return Router()
    .get('/', (req, res) => homePage(site, req, res))
    .get('/panels/:panel', (req, res) => homePanel(site, gate, req, res))
    .get('/models/:id', (req, res) => modelPageRoute(site, gate, req, res))
    .get('/impact/:model', (req, res) => impactPanelRoute(site, req, res))
    .get('/models/:id/panels/:panel', (req, res) => modelPanel(site, gate, req, res))
    .get('/models/:id/compare', (req, res) => comparePageRoute(site, gate, req, res))
    .get('/models/:id/compare/panels/:panel', (req, res) => comparePanel(site, gate, req, res));
}
