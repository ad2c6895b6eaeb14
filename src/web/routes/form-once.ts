// A browser form's write happens once. Each rendered form that writes carries a fresh hidden
// `key`, which the server treats as the Idempotency-Key of its POST (the store's mechanism, as
// for the API). The same form sent again — a double click, a reload that posts again, a retry
// after a lost answer — waits for the first sending and is sent where it went (its 303), writing
// nothing. A refused write gives its key up, so the corrected form can be sent. The same key
// with other values means the form was changed after it was sent: it is shown again, with what
// was typed and a new key, and nothing is written. A form without a key is sent as before.

import { randomUUID } from 'node:crypto';
import type { Request, Response } from 'express';
import {
  IdempotencyKey,
  requestFingerprint,
  claimIdempotencyKeySettled,
  completeIdempotencyKey,
  releaseIdempotencyKey,
  type Identity,
  type Store,
} from '../../predictions/index.ts';

/** The hidden field that carries a form's key. */
export const FORM_KEY_FIELD = 'key';

/** A key for one rendering of a form. */
export const newFormKey = (): string => randomUUID();

/** Why a keyed form was not written: shown on the form, with what was typed. */
export interface FormRefusal {
  status: number;
  message: string;
}

/** The parts of the posted form that say what it asks: not its CSRF token, not its key. */
function askedFor(body: Record<string, unknown>): Record<string, unknown> {
  const { csrf: _csrf, [FORM_KEY_FIELD]: _key, ...asked } = body;
  return asked;
}

/**
 * Send a keyed form once. `write` records it and gives the address to go to next, or null when
 * it answered the request itself (a refusal shown on the form). `refuse` shows the form again.
 */
export async function writeOnce(
  store: Store,
  identity: Identity,
  req: Request,
  res: Response,
  write: () => Promise<string | null>,
  refuse: (r: FormRefusal) => Promise<void>,
): Promise<void> {
  const body = (req.body ?? {}) as Record<string, unknown>;
  const sent = body[FORM_KEY_FIELD];
  const go = (location: string) => void res.set('Cache-Control', 'no-store').redirect(303, location);
  if (sent === undefined) {
    const location = await write();
    return location === null ? undefined : go(location);
  }
  const parsed = IdempotencyKey.safeParse(sent);
  if (!parsed.success)
    return refuse({ status: 400, message: 'the form’s key is not valid; reload the page and try again' });
  const owner = `${identity.role}:${identity.name}`;
  const key = parsed.data;
  const fingerprint = requestFingerprint(req.method, req.baseUrl + req.path, askedFor(body));
  const claim = await claimIdempotencyKeySettled(store, owner, key, fingerprint);
  if (claim.kind === 'replay') {
    const kept = claim.answer.body as { location?: unknown } | null;
    if (typeof kept?.location === 'string') return go(kept.location);
  }
  if (claim.kind !== 'claimed')
    return refuse({
      status: 409,
      message:
        'this form was already sent with other values, and that was recorded; check the prediction’s page, and send the form again to record these values too',
    });
  await answerClaimed(store, owner, key, write, go);
}

/** Write, keep where it went for the key's retries (or give the key up), then go there. */
async function answerClaimed(
  store: Store,
  owner: string,
  key: string,
  write: () => Promise<string | null>,
  go: (location: string) => void,
): Promise<void> {
  let location: string | null;
  try {
    location = await write();
  } catch (err) {
    await releaseIdempotencyKey(store, owner, key).catch(() => undefined);
    throw err;
  }
  if (location === null) return releaseIdempotencyKey(store, owner, key).catch(() => undefined);
  // The write happened: if keeping its answer fails, a retry waits and is then given the key
  // (abandoned), as for the API.
  await completeIdempotencyKey(store, owner, key, { status: 303, body: { location } }).catch(() => undefined);
  go(location);
}
