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

export function pageRoutes(site: Site, gate: Gate): Router {
  const r = Router();

  r.get('/', (req, res) =>
    cachedPage(site, req, res, async (snapshot) => {
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
      const html = renderPage(
        site,
        snapshot,
        'home',
        `Overview: ${model ? outputName(model) : 'the models'} and what would change it`,
        {
          share: { description: answerText(question, headline), image: '/og/home.png' },
          headlinePanel: headline,
          impact,
          worldviews,
          modelsPanel: models,
          board,
          catalogErrors,
        },
      );
      return {
        html,
        status: 200,
        complete:
          headline?.state !== 'pending' &&
          worldviews?.state !== 'pending' &&
          models.state !== 'pending' &&
          impact?.state !== 'pending',
      };
    }),
  );

  r.get('/panels/:panel', async (req, res) => {
    const snapshot = site.live.current();
    rejectUnknown(queryOf(req.originalUrl), []);
    const name = req.params.panel;
    let html: string;
    if (name === 'headline') {
      const spec = homeHeadlineSpec(site, snapshot);
      if (!spec) return void res.status(404).type('text/plain').send('there is no overall model');
      const [panel] = await settlePanels(site.results, snapshot, [spec], 600_000);
      html = site.views.partial('panel', { panel, ...layoutContext(site, snapshot, '') });
    } else if (name === 'worldviews') {
      const spec = worldviewsSpec(site, snapshot);
      if (!spec) return void res.status(404).type('text/plain').send('there is no overall model');
      if (!site.results.known(spec.job, snapshot)) await gate(req, res);
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
  });

  r.get('/models/:id', (req, res) =>
    cachedPage(site, req, res, async (snapshot) => {
      const model = findModel(snapshot, req.params.id);
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
    }),
  );

  // The resolution-impact panel alone, for pages that sent it while its runs were computing.
  r.get('/impact/:model', async (req, res) => {
    const snapshot = site.live.current();
    const model = findModel(snapshot, req.params.model);
    const panel = await impactPanel(site, snapshot, model, req.originalUrl, 600_000);
    if (!panel) return void res.status(404).type('text/plain').send('no prediction reaches this model');
    res.type('html').set('Cache-Control', 'no-cache').send(site.views.partial('panel', { panel }));
  });

  r.get('/models/:id/panels/:panel', async (req, res) => {
    const snapshot = site.live.current();
    const model = findModel(snapshot, req.params.id);
    const page = await modelPage(site, snapshot, model, queryOf(req.originalUrl), req.params.panel, () =>
      gate(req, res),
    );
    const panel = page.panels[0];
    if (page.problem) return void res.status(400).type('text/plain').send(page.problem);
    if (!panel)
      return void res
        .status(400)
        .type('text/plain')
        .send(page.checked.errors.join('\n') || 'the request has errors');
    res.type('html').set('Cache-Control', 'no-cache').send(site.views.partial('panel', { panel, page }));
  });

  r.get('/models/:id/compare', (req, res) =>
    cachedPage(site, req, res, async (snapshot) => {
      const model = findModel(snapshot, req.params.id);
      const page = await comparePage(site, snapshot, model, queryOf(req.originalUrl), () => gate(req, res));
      const html = renderPage(site, snapshot, 'compare', `${model.title}: compare`, { page });
      const bad = page.problem !== null || !page.a.checked.ok || !page.b.checked.ok;
      return { html, status: bad ? 400 : 200, complete: page.panels.every((p) => p.state !== 'pending') };
    }),
  );

  r.get('/models/:id/compare/panels/:panel', async (req, res) => {
    const snapshot = site.live.current();
    const model = findModel(snapshot, req.params.id);
    const page = await comparePage(
      site,
      snapshot,
      model,
      queryOf(req.originalUrl),
      () => gate(req, res),
      req.params.panel,
    );
    const panel = page.panels[0];
    if (!panel) return void res.status(404).type('text/plain').send(`there is no panel '${req.params.panel}'`);
    res.type('html').set('Cache-Control', 'no-cache').send(site.views.partial('panel', { panel, page }));
  });

  return r;
}
