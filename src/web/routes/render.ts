// Sending pages and errors: every page gets the layout's context (the banner of broken model
// files, the navigation); errors go out as JSON under /api, plain text for charts, else a page.

import type { Request, Response } from 'express';
import { bannerOf, type Site } from '../site.ts';
import { formatError, type CredenceError, type ErrorCode } from '../../model/errors.ts';
import { codeForStatus } from '../error-code.ts';
import type { ApiError } from '../api-types.ts';
import { sendRendered } from '../rendered.ts';
import type { Snapshot } from '../live-project.ts';
import { requestContext } from '../request-context.ts';
import { linkState } from '../permalink.ts';

/** What a page says about itself to link previews (Open Graph, Twitter cards). */
export interface ShareMeta {
  /** The page's canonical address on this site (default: the address asked for). */
  path?: string;
  /** One or two sentences: the page's answer. */
  description?: string;
  /** The preview image's path on this site (a PNG of the page's headline chart). */
  image?: string;
  imageAlt?: string;
}

const DEFAULT_DESCRIPTION =
  'Editable probabilistic models of whether advanced AI will scheme: every number traced to a source or an assumption, with a track record of predictions that move the models.';

export function layoutContext(
  site: Site,
  snapshot: Snapshot,
  title: string,
  share: ShareMeta = {},
): Record<string, unknown> {
  const banner = bannerOf(snapshot);
  const ctx = requestContext();
  const origin = ctx?.origin ?? '';
  return {
    title,
    signedIn: ctx?.signedIn ?? null,
    share: {
      url: `${origin}${share.path ?? ctx?.url ?? '/'}`,
      description: share.description ?? DEFAULT_DESCRIPTION,
      image: `${origin}${share.image ?? '/og/home.png'}`,
      imageAlt: share.imageAlt ?? `${title}: the headline chart`,
    },
    banner: banner && { errors: banner.errors.map(formatError), stale: banner.stale },
    trackProblem: site.trackProblem,
    headline: site.headline,
    // Resolvers and forecasters sign in to write; pages are shared by every viewer, so the link
    // is the same for all and the sign-in page says who is signed in.
    writable: site.track !== null,
    assets: site.assets,
    models: [...snapshot.project.models.values()].map((m) => ({ id: m.id, title: m.title })),
    // The view's canonical address (equal views share one link), else the address asked for.
    link: linkState({
      url: share.path ?? ctx?.url ?? '/',
      version: snapshot.version,
      counts: site.track?.resolutionCounts() ?? null,
      asof: ctx?.asof ?? null,
      v: ctx?.version ?? null,
    }),
  };
}

export function renderPage(
  site: Site,
  snapshot: Snapshot,
  page: string,
  title: string,
  context: Record<string, unknown>,
): string {
  const layout = layoutContext(site, snapshot, title, context.share as ShareMeta | undefined);
  return site.views.page(page, { ...layout, ...context, share: layout.share });
}

/** The cache key of a page: its URL, the models' content and the track record's state. */
export function pageKey(site: Site, snapshot: Snapshot, req: Request): string {
  const ctx = requestContext();
  const track = `${site.track?.stateKey(snapshot) ?? ''}${site.trackProblem === null ? '' : '|unread'}`;
  // Absolute links (previews) name the host; the navigation names who is signed in.
  return `page|${ctx?.origin ?? ''}|${req.originalUrl}|${snapshot.version}|${track}|${ctx?.signedIn?.csrf ?? ''}`;
}

/**
 * Send a page from the cache, or build it; a page is kept only when every panel was ready
 * (a page with panels still computing must be rebuilt once they are).
 */
export async function cachedPage(
  site: Site,
  req: Request,
  res: Response,
  build: (snapshot: Snapshot) => Promise<{ html: string; status: number; complete: boolean }>,
): Promise<void> {
  const snapshot = site.live.current();
  const key = pageKey(site, snapshot, req);
  const hit = site.rendered.get(key);
  if (hit) return sendRendered(req, res, hit);
  const { html, status, complete } = await build(snapshot);
  const r = site.rendered.make(html, 'html', status);
  if (complete) site.rendered.set(key, r);
  await sendRendered(req, res, r);
}

export function renderError(
  site: Site,
  req: Request,
  res: Response,
  status: number,
  message: string,
  issues: CredenceError[] = [],
  code: ErrorCode = issues[0]?.code ?? codeForStatus(status),
): void {
  res.set('Cache-Control', 'no-store');
  // A request's own mistake is its message; the problems found in a model are listed too.
  const errors = issues.filter((e) => e.message !== message).map(formatError);
  if (req.originalUrl.startsWith('/api/')) {
    const body: ApiError = {
      code,
      error: message,
      ...(errors.length ? { errors } : {}),
      ...(issues.length ? { issues } : {}),
    };
    res.status(status).json(body);
    return;
  }
  if (req.originalUrl.startsWith('/charts/') || /\/panels\//.test(req.path)) {
    res
      .status(status)
      .type('text/plain')
      .send(`${message}${errors.length ? `\n${errors.join('\n')}` : ''}`);
    return;
  }
  let snapshot: Snapshot | null;
  try {
    snapshot = site.live.current();
  } catch {
    snapshot = null;
  }
  const titles: Record<number, string> = {
    400: 'Bad request',
    404: 'Not found',
    429: 'Too many requests',
    503: 'Model unavailable',
  };
  const context = { status, heading: titles[status] ?? 'Something went wrong', message, errors };
  const html = snapshot
    ? site.views.page('error', { ...layoutContext(site, snapshot, titles[status] ?? 'Error'), ...context })
    : `<!doctype html><title>Error</title><p>${message.replace(/[<>&"]/g, '')}</p>`;
  res.status(status).type('html').send(html);
}
