// `Idempotency-Key` on the API's writes: the first answer to a keyed write is kept (per token
// holder), a retry of the same request is answered with it (Idempotent-Replayed: true) and
// writes nothing, the same key for another request is 422, and one still being answered is 409
// with Retry-After. Answers of the server's own failure (5xx) are not kept, so a retry may
// succeed. Runs after the token check and the body parser: the key belongs to the identity and
// the fingerprint covers the parsed body.

import type { NextFunction, Request, Response } from 'express';
import {
  IdempotencyKey,
  requestFingerprint,
  claimIdempotencyKey,
  completeIdempotencyKey,
  releaseIdempotencyKey,
  type Claim,
  type Identity,
  type Store,
} from '../../predictions/index.ts';

const HEADER = 'Idempotency-Key';

function refuse(res: Response, status: number, message: string, code = 'idempotency-conflict') {
  res.set('Cache-Control', 'no-store').status(status).json({ code, error: message });
}

/** Answer a key that was used before; false when the request is the key's first (claimed). */
function answered(res: Response, claim: Claim, key: string): boolean {
  switch (claim.kind) {
    case 'claimed':
      return false;
    case 'replay':
      res.set('Cache-Control', 'no-store').set('Idempotent-Replayed', 'true');
      res.status(claim.answer.status).json(claim.answer.body);
      return true;
    case 'mismatch':
      refuse(res, 422, `the ${HEADER} '${key}' was used for a different request; use a new key for a new request`);
      return true;
    case 'in-progress':
      res.set('Retry-After', '1');
      refuse(res, 409, `a request with the ${HEADER} '${key}' is still being answered; retry in a moment`);
      return true;
  }
}

/** Keep the JSON answer the handler sends (or give the key up on a 5xx), then send it. */
function keepAnswer(res: Response, store: Store, owner: string, key: string) {
  const send = res.json.bind(res);
  res.json = (body: unknown) => {
    const status = res.statusCode;
    const kept =
      status >= 500
        ? releaseIdempotencyKey(store, owner, key)
        : completeIdempotencyKey(store, owner, key, { status, body });
    kept.then(
      () => send(body),
      () => send(body), // the write happened; a retry will see the claim and wait, not write twice
    );
    return res;
  };
}

/** The middleware; `storeOf` gives the track record's store (present: the token check ran). */
export function idempotent(storeOf: () => Store) {
  return async (req: Request, res: Response, next: NextFunction) => {
    const header = req.get(HEADER);
    if (header === undefined) return next();
    const parsed = IdempotencyKey.safeParse(header);
    if (!parsed.success) return refuse(res, 400, parsed.error.issues[0]!.message, 'invalid-request');
    const key = parsed.data;
    const identity = res.locals.identity as Identity;
    const owner = `${identity.role}:${identity.name}`;
    const store = storeOf();
    try {
      const fingerprint = requestFingerprint(req.method, req.baseUrl + req.path, req.body);
      const claim = await claimIdempotencyKey(store, owner, key, fingerprint);
      if (answered(res, claim, key)) return;
    } catch (err) {
      return next(err);
    }
    keepAnswer(res, store, owner, key);
    next();
  };
}
