// Page routes: parse the URL, build the page's view model, render. Panels that were not ready
// in time are fetched by the page's script from /…/panels/<id>, which renders the same partial.

import { Router, type Request, type Response } from 'express';
import { findModel, type Site } from '../site.ts';
import { queryOf, rejectUnknown } from '../query.ts';
import { requestKeys } from '../../analysis/registry/index.ts';
import { modelPage } from '../pages/model.ts';
import { comparePage } from '../pages/compare.ts';
import { modelsPanel, worldviewsSpec, homeHeadlineSpec } from '../pages/home.ts';
import { settlePanels } from '../pages/panels.ts';
import { renderPage, cachedPage, layoutContext } from './render.ts';
import { formatError } from '../../model/errors.ts';
import { impactPanel, outputName } from '../impact.ts';
import { answerText } from './share.ts';
import type { ModelPage } from '../pages/model.ts';

type Gate = (req: Request, res: Response) => Promise<void>;

/** A model page's title names its view: the model, then the scenario and whether inputs were changed. */
function modelTitle(page: ModelPage): string {
  const parts = [page.model.title];
  if (page.scenario) parts.push(`view “${page.scenario.label}”`);
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

function modelPageRoute(site: Site, gate: Gate, req: Request, res: Response) {
  return cachedPage(site, req, res, async (snapshot) => {
    const model = findModel(snapshot, String(req.params.id));
    const [page, impact] = await Promise.all([
      modelPage(site, snapshot, model, queryOf(req.originalUrl), undefined, () => gate(req, res)),
      impactPanel(site, snapshot, model, `/impact/${model.id}`, site.budgetMs),
    ]);
    const status = page.problem || !page.checked.ok ? 400 : 200;
    return {
      html: renderPage(site, snapshot, 'model', modelTitle(page), {
        page,
        impact,
        mathCss: true,
        share: {
          path: `/models/${model.id}${page.query}`,
          description: answerText(page.question, page.panelById.headline),
          image: `/og/models/${model.id}.png${runQuery(page.query)}`,
          imageAlt: `${model.title}: the distribution of its output`,
        },
      }),
      status,
      complete: page.panels.every((p) => p.state !== 'pending') && impact?.state !== 'pending',
    };
  });
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
