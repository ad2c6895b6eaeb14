// The two Web Workers behind the editor: one answers with the headline and the file's checks,
// the other with the tornado (slower; it is restarted when an edit arrives while it runs, so a
// new headline never waits for an old tornado). Replies older than the newest edit are dropped.

import type { EditorReply, EditorRequest } from '../../editor/protocol.ts';

export interface RunnerHandlers {
  onReply(reply: EditorReply, want: EditorRequest['want']): void;
}

export class Runner {
  private gen = 0;
  private headlineWorker: Worker;
  private tornadoWorker: Worker;
  private tornadoBusy = false;

  constructor(
    private readonly src: string,
    private readonly handlers: RunnerHandlers,
  ) {
    this.headlineWorker = this.spawn('headline');
    this.tornadoWorker = this.spawn('tornado');
  }

  private spawn(want: EditorRequest['want']): Worker {
    const w = new Worker(this.src, { type: 'module', name: `credence-${want}` });
    w.addEventListener('message', (e: MessageEvent<EditorReply>) => {
      if (want === 'tornado') this.tornadoBusy = false;
      if (e.data.gen === this.gen) this.handlers.onReply(e.data, want);
    });
    w.addEventListener('error', (e) => {
      if (want === 'tornado') this.tornadoBusy = false;
      this.handlers.onReply({ kind: 'failed', gen: this.gen, ms: 0, message: e.message || 'the worker stopped' }, want);
    });
    return w;
  }

  /** A new edit: its headline now; `tornado` says whether to ask for the tornado too. */
  headline(req: Omit<EditorRequest, 'gen' | 'want'>): number {
    this.gen += 1;
    this.headlineWorker.postMessage({ ...req, gen: this.gen, want: 'headline' } satisfies EditorRequest);
    return this.gen;
  }

  tornado(req: Omit<EditorRequest, 'gen' | 'want'>, gen: number): void {
    if (gen !== this.gen) return;
    if (this.tornadoBusy) {
      this.tornadoWorker.terminate();
      this.tornadoWorker = this.spawn('tornado');
    }
    this.tornadoBusy = true;
    this.tornadoWorker.postMessage({ ...req, gen, want: 'tornado' } satisfies EditorRequest);
  }
}
