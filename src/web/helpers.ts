// Handlebars helpers: formatting and small lookups only (no computation happens in views).

import type HandlebarsNs from 'handlebars';
import { num, pct, value, interval, delta, count, scriptJson, readableDate, preciseValue } from './format.ts';
import { formatError, type CredenceError } from '../model/errors.ts';
import { isChartName } from './charts/index.ts';
import { MathHtml } from './math.ts';
import { SvgMarkup } from './charts/svg.ts';
import { pinnedUrl } from './permalink.ts';
import { requestContext } from './request-context.ts';

export function registerHelpers(hbs: typeof HandlebarsNs): void {
  const str = (x: unknown) => (typeof x === 'string' ? x : null);
  hbs.registerHelper('fmtNum', (x: unknown) => num(x));
  hbs.registerHelper('fmtPct', (x: unknown) => pct(x));
  hbs.registerHelper('fmt', (x: unknown, unit: unknown) => value(x, str(unit)));
  /** `{{interval p5 p95 unit}}` → "< 0.01% to 93%"; a fourth argument is the separator. */
  hbs.registerHelper('interval', (lo: unknown, hi: unknown, unit: unknown, ...rest: unknown[]) =>
    interval(lo, hi, str(unit), rest.length > 1 && typeof rest[0] === 'string' ? rest[0] : undefined),
  );
  hbs.registerHelper('fmtPrecise', (x: unknown, unit: unknown) => preciseValue(x, str(unit)));
  hbs.registerHelper('fmtDelta', (x: unknown, unit: unknown) => delta(x, str(unit)));
  hbs.registerHelper('fmtCount', (x: unknown) => count(x));
  hbs.registerHelper('eq', (a: unknown, b: unknown) => a === b);
  hbs.registerHelper('gt', (a: unknown, b: unknown) => typeof a === 'number' && typeof b === 'number' && a > b);
  hbs.registerHelper('minus', (a: unknown, b: unknown) =>
    typeof a === 'number' && typeof b === 'number' ? a - b : NaN,
  );
  hbs.registerHelper('concat', (...args: unknown[]) => args.slice(0, -1).map(String).join(''));
  /** An ISO time as readers write it: "20 Nov 2025, 14:03 UTC". */
  hbs.registerHelper('fmtDate', (iso: unknown) => readableDate(iso));
  /** "3 resolutions" from an impact's steps (the first step is the start). */
  hbs.registerHelper('resolvedSteps', (steps: unknown) => {
    const n = Array.isArray(steps) ? steps.length - 1 : 0;
    return `${n} resolution${n === 1 ? '' : 's'}`;
  });
  hbs.registerHelper('not', (a: unknown) => !a);
  hbs.registerHelper('and', (a: unknown, b: unknown) => Boolean(a && b));
  hbs.registerHelper('or', (a: unknown, b: unknown) => Boolean(a || b));
  hbs.registerHelper('fmtError', (e: CredenceError) => formatError(e));
  hbs.registerHelper('unitOf', (scale: unknown) => (scale === 'probability' ? 'probability' : null));
  hbs.registerHelper('hasChart', (name: unknown) => typeof name === 'string' && isChartName(name));
  /** The value of a key that may contain dots (qualified names), where `lookup` would do the same but reads clearer. */
  hbs.registerHelper('prop', (obj: unknown, key: unknown) =>
    obj && typeof obj === 'object' && typeof key === 'string' ? (obj as Record<string, unknown>)[key] : undefined,
  );
  /** A chart's element id on the page: unique per panel and chart. */
  hbs.registerHelper('chartId', (panel: unknown, chart: unknown) => `chart-${String(panel)}-${String(chart)}`);
  /** One cell of the inputs table: the formatted statistic, or an ellipsis until the run is in. */
  hbs.registerHelper('stat', (stats: Record<string, string[]> | null | undefined, name: unknown, i: unknown) =>
    typeof name === 'string' && typeof i === 'number' ? (stats?.[name]?.[i] ?? '…') : '…',
  );
  /** Page data for the client bundle; the only unescaped output, made safe for a script element. */
  hbs.registerHelper('json', (v: unknown) => new hbs.SafeString(scriptJson(v)));
  // A pinned page's links to parts of itself keep its pins (the request's `asof` and `v`).
  hbs.registerHelper('pinned', (url: unknown) => {
    const c = requestContext();
    return pinnedUrl(str(url) ?? '', c?.asof ?? null, c?.version ?? null);
  });
  /** An evidence entry's name as words: `evidence.report_2025` → "report 2025". */
  hbs.registerHelper('readable', (name: unknown) =>
    typeof name === 'string' ? name.slice(name.lastIndexOf('.') + 1).replace(/_/g, ' ') : '',
  );
  /** A formula rendered by math.ts (KaTeX); anything else renders as nothing. */
  hbs.registerHelper('svg', (v: unknown) => (v instanceof SvgMarkup ? new hbs.SafeString(v.svg) : ''));
  hbs.registerHelper('math', (v: unknown) => (v instanceof MathHtml ? new hbs.SafeString(v.html) : ''));
}
