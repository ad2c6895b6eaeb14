// Response headers and static files: helmet's security headers with a content security policy
// that allows no inline script, the editor worker's own policy, and public/ served with long
// cache lifetimes (asset links carry a hash of the file).

import express, { type Express } from 'express';
import helmet from 'helmet';

export function securityHeaders() {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'self'"],
      },
    },
    crossOriginResourcePolicy: { policy: 'same-origin' },
  });
}

export function serveStatic(app: Express, publicDir: string): void {
  // The editor's worker compiles model expressions into functions (the engine's fused loops):
  // it alone may evaluate code, under a policy of its own; pages keep theirs.
  app.get('/static/build/engine-worker.js', (_req, res, next) => {
    res.setHeader('Content-Security-Policy', "default-src 'none'; script-src 'self' 'unsafe-eval'; connect-src 'self'");
    next();
  });
  // Asset links carry a hash of the file (`?v=`), so browsers may keep them for long.
  app.use('/static', express.static(publicDir, { index: false, maxAge: '1d', fallthrough: true }));
  app.get('/favicon.ico', (_req, res) => res.redirect(301, '/static/favicon.svg'));
}
