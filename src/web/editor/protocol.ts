// The messages between the model editor's page and its Web Workers.

import type { CredenceError } from '../../model/errors.ts';
import type { Headline } from './evaluate.ts';
import type { TornadoData } from '../charts/tornado.ts';

export interface EditorRequest {
  /** Increases with every edit; replies carry it so the page ignores stale ones. */
  gen: number;
  id: string;
  text: string;
  samples: number;
  seed: number;
  /** The headline worker answers with the headline then the checks; the other with the tornado. */
  want: 'headline' | 'tornado';
}

interface Stamp {
  gen: number;
  /** Milliseconds from receiving the request to this reply. */
  ms: number;
}

export type ReplyBody =
  | { kind: 'errors'; errors: CredenceError[] }
  | { kind: 'headline'; headline: Headline }
  | { kind: 'checked'; errors: CredenceError[] }
  | { kind: 'tornado'; tornado: TornadoData }
  | { kind: 'failed'; message: string };

export type EditorReply = Stamp & ReplyBody;
