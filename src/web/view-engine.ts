// Handlebars as Express's view engine: pages in views/pages, partials in views/partials, one
// layout. Templates and partials are compiled once, when the views are made (a partial registered
// as text would be compiled again on every page that uses it, and Handlebars otherwise compiles a
// template when it is first rendered: tens of milliseconds of the request thread in the middle of
// someone's page); every value is escaped (the layout receives the page as a SafeString, so no
// template needs a triple-stash).

import { readFileSync, readdirSync } from 'node:fs';
import { join, basename, extname } from 'node:path';
import Handlebars from 'handlebars';
import { registerHelpers } from './helpers.ts';

export interface Views {
  /** A page inside the layout. */
  page(page: string, context: Record<string, unknown>): string;
  /** The layout around a page's body, as what comes before it and what comes after it. */
  layout(context: Record<string, unknown>): { top: string; bottom: string };
  /** A page's body alone, without the layout. */
  body(page: string, context: Record<string, unknown>): string;
  /** A partial alone, e.g. a panel fetched by the page's script. */
  partial(name: string, context: Record<string, unknown>): string;
}

/** Where the layout's body goes, when the layout is rendered around a body sent later. */
const BODY_MARK = '<!--credence:body-->';

/** Views made, by folder: the templates are the folder's files, so a process compiles them once. */
const made = new Map<string, Views>();

export function createViews(dir: string): Views {
  let views = made.get(dir);
  if (!views) made.set(dir, (views = compileViews(dir)));
  return views;
}

function compileViews(dir: string): Views {
  const hbs = Handlebars.create();
  registerHelpers(hbs);
  const partials = join(dir, 'partials');
  for (const f of readdirSync(partials)) {
    if (extname(f) !== '.hbs') continue;
    const text = readFileSync(join(partials, f), 'utf8');
    hbs.registerPartial(basename(f, '.hbs'), now(hbs.compile(text, { preventIndent: true })));
  }
  const compiled = new Map<string, HandlebarsTemplateDelegate>();
  const template = (path: string) => {
    let t = compiled.get(path);
    if (!t) {
      t = now(hbs.compile(readFileSync(path, 'utf8'), { strict: false, preventIndent: true }));
      compiled.set(path, t);
    }
    return t;
  };
  const layout = join(dir, 'layout.hbs');
  template(layout);
  for (const f of readdirSync(join(dir, 'pages'))) if (extname(f) === '.hbs') template(join(dir, 'pages', f));
  const partialTemplates = new Map<string, HandlebarsTemplateDelegate>();
  const body = (page: string, context: Record<string, unknown>) => template(join(dir, 'pages', `${page}.hbs`))(context);
  return {
    page(page, context) {
      return template(layout)({ ...context, body: new hbs.SafeString(body(page, context)) });
    },
    layout(context) {
      const html = template(layout)({ ...context, body: new hbs.SafeString(BODY_MARK) });
      const at = html.indexOf(BODY_MARK);
      return { top: html.slice(0, at), bottom: html.slice(at + BODY_MARK.length) };
    },
    body,
    partial(name, context) {
      let t = partialTemplates.get(name);
      if (!t) {
        t = now(hbs.compile(`{{> ${name} }}`, { preventIndent: true }));
        partialTemplates.set(name, t);
      }
      return t(context);
    },
  };
}

/**
 * Compile `t` now rather than when first rendered. Handlebars' `compile` returns a wrapper that
 * compiles on its first call; its `_setup`, which every render calls first with the render's
 * options, compiles it too, and with no options only merges the registered helpers.
 */
function now(t: HandlebarsTemplateDelegate): HandlebarsTemplateDelegate {
  (t as unknown as { _setup(options: object): void })._setup({});
  return t;
}
