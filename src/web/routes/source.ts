// A model's file: the raw YAML (what the editor's worker fetches for imports, and a download),
// the highlighted file view with line numbers that error messages point to, and the editor.

import { Router, type NextFunction, type Request, type Response } from 'express';
import type { Site } from '../site.ts';
import { modelSource, NEW_MODEL_ID, NEW_MODEL_TEXT } from '../pages/model-source.ts';
import { highlightYaml } from '../highlight.ts';
import { renderPage } from './render.ts';
import { sendRendered } from '../rendered.ts';
import { queryOf, rejectUnknown } from '../query.ts';

export function sourceRoutes(site: Site): Router {
  const r = Router();
  // None of these routes takes a parameter; a typo is not silently ignored.
  const noParams = (req: Request, _res: Response, next: NextFunction) => {
    rejectUnknown(queryOf(req.originalUrl), []);
    next();
  };

  r.get('/models/:id.yaml', noParams, (req, res) => {
    const snapshot = site.live.current();
    const src = modelSource(snapshot, String(req.params.id));
    const rendered = site.rendered.make(src.text, 'text/yaml', 200);
    res.set('Content-Disposition', `inline; filename="${src.id}.yaml"`);
    sendRendered(req, res, rendered);
  });

  r.get('/models/new', noParams, (_req, res) => {
    const snapshot = site.live.current();
    const html = renderPage(site, snapshot, 'editor', 'New model', {
      editorScript: true,
      codeCss: true,
      page: { id: NEW_MODEL_ID, title: 'New model', isNew: true },
      source: { id: NEW_MODEL_ID, text: NEW_MODEL_TEXT, isNew: true },
    });
    res.type('html').set('Cache-Control', 'no-cache').send(html);
  });

  r.get('/models/:id/edit', noParams, (req, res) => {
    const snapshot = site.live.current();
    const src = modelSource(snapshot, String(req.params.id));
    const html = renderPage(site, snapshot, 'editor', `Edit: ${src.title}`, {
      editorScript: true,
      codeCss: true,
      page: { id: src.id, title: src.title, isNew: false },
      source: { id: src.id, text: src.text, isNew: false },
    });
    res.type('html').set('Cache-Control', 'no-cache').send(html);
  });

  r.get('/models/:id/file', noParams, (req, res) => {
    const snapshot = site.live.current();
    const src = modelSource(snapshot, String(req.params.id));
    const lines = highlightYaml(src.text);
    const errorLines = new Set(src.errors.map((e) => e.line));
    const html = renderPage(site, snapshot, 'model-file', `${src.title}: model file`, {
      codeCss: true,
      page: {
        ...src,
        lines: lines.map((l) => ({ ...l, error: errorLines.has(l.n) })),
        lineCount: lines.length,
      },
    });
    res.type('html').set('Cache-Control', 'no-cache').send(html);
  });

  return r;
}
