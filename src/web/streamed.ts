// A page sent in two parts: the top of the document (its head, with the stylesheet and script
// links, and the site's header) at once, and the rest when its computations are in. The browser
// fetches and parses the page's assets while the server computes, and the page's answer arrives
// in the document itself rather than in a second request made by the page's script.

import { createGzip, constants } from 'node:zlib';
import type { Request, Response } from 'express';
import type { BodyCharge } from './rendered.ts';

/** What a page could not finish with once its top was sent (the status is already on its way). */
const UNFINISHED = '<p class="panel__error" role="alert">This page could not be finished: please reload it.</p>';

/**
 * Send `top` now and `rest()` when it resolves, gzipped when the client accepts it. Returns the
 * whole document. An error after the top was sent ends the document with a sentence saying so
 * and is thrown on (the error handler logs it; the status was already sent).
 */
export async function sendStreamed(
  req: Request,
  res: Response,
  status: number,
  top: string,
  rest: () => Promise<{ body: string; bottom: string }>,
): Promise<string> {
  const gzipped = /\bgzip\b/.test(req.headers['accept-encoding'] ?? '');
  res.status(status).type('html').set('Cache-Control', 'no-cache').set('Vary', 'Accept-Encoding');
  if (req.method === 'HEAD') {
    res.end();
    return top;
  }
  const z = gzipped ? createGzip({ level: 6 }) : null;
  if (z) {
    res.set('Content-Encoding', 'gzip');
    z.pipe(res);
  }
  const write = (text: string) => (z ? z.write(text) : res.write(text));
  write(top);
  if (z) z.flush(constants.Z_SYNC_FLUSH);
  let html: string;
  try {
    const { body, bottom } = await rest();
    html = `${top}${body}${bottom}`;
    chargeFinished(res, html.length);
    write(`${body}${bottom}`);
  } catch (e) {
    write(`${UNFINISHED}</main></body></html>`);
    if (z) z.end();
    else res.end();
    throw e;
  }
  if (z) z.end();
  else res.end();
  return html;
}

/**
 * A large page is charged to its client like any large body; the reader already has its top, so
 * a refused charge does not stop the page (its computations were charged when they started).
 */
function chargeFinished(res: Response, bytes: number): void {
  try {
    (res.locals.chargeBody as BodyCharge | undefined)?.(bytes);
  } catch {
    return;
  }
}
