// Handlebars as Express's view engine: pages in views/pages, partials in views/partials, one
// layout. Templates are compiled once; every value is escaped (the layout receives the page as
// a SafeString, so no template needs a triple-stash).

import { readFileSync, readdirSync } from 'node:fs';
import { join, basename, extname } from 'node:path';
import Handlebars from 'handlebars';
import { registerHelpers } from './helpers.ts';

export interface Views {
  /** A page inside the layout. */
  page(page: string, context: Record<string, unknown>): string;
  /** A partial alone, e.g. a panel fetched by the page's script. */
  partial(name: string, context: Record<string, unknown>): string;
}

export function createViews(dir: string): Views {
  const hbs = Handlebars.create();
  registerHelpers(hbs);
  const partials = join(dir, 'partials');
  for (const f of readdirSync(partials)) {
    if (extname(f) === '.hbs') hbs.registerPartial(basename(f, '.hbs'), readFileSync(join(partials, f), 'utf8'));
  }
  const compiled = new Map<string, HandlebarsTemplateDelegate>();
  const template = (path: string) => {
    let t = compiled.get(path);
    if (!t) {
      t = hbs.compile(readFileSync(path, 'utf8'), { strict: false, preventIndent: true });
      compiled.set(path, t);
    }
    return t;
  };
  const layout = join(dir, 'layout.hbs');
  const partialTemplates = new Map<string, HandlebarsTemplateDelegate>();
  return {
    page(page, context) {
      const body = template(join(dir, 'pages', `${page}.hbs`))(context);
      return template(layout)({ ...context, body: new hbs.SafeString(body) });
    },
    partial(name, context) {
      let t = partialTemplates.get(name);
      if (!t) {
        t = hbs.compile(`{{> ${name} }}`, { preventIndent: true });
        partialTemplates.set(name, t);
      }
      return t(context);
    },
  };
}
