// An engine thread (threads.ts): rebuilds a plan from plain data once, then for each pass claims
// segments from a shared counter, runs them, and posts its reducer's message back. Which thread
// runs which segment changes nothing in the results: each segment has its own random streams.

import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { buildPlan, type Plan } from './plan.ts';
import { runnerFor, type SegmentSource } from './pass-executors.ts';
import { passReducer } from './reducers.ts';
import { CONTROL, PLANS_KEPT, STATE, type JobMessage, type PlanSpec } from './threads-protocol.ts';
import { inlineSource } from '../model/expression.ts';

const plans = new Map<string, Plan>();

function planFor(key: string, spec: PlanSpec | null): Plan {
  let plan = plans.get(key);
  if (plan) return plan;
  if (!spec) throw new Error('internal: a plan this thread has not seen, sent without its spec');
  const source = (text: string) => inlineSource(text, 'engine thread');
  const built = buildPlan({
    entities: spec.entities.map((e) => ({ name: e.name, expr: e.expr, source: source(e.text) })),
    evidence: spec.evidence.map((e) => ({ name: e.name, expr: e.expr, source: source(e.text) })),
  });
  if (!built.ok)
    throw new Error(`internal: a plan that built on the main thread failed here: ${built.errors[0]?.message}`);
  plan = built.value;
  if (plans.size >= PLANS_KEPT) plans.delete(plans.keys().next().value!);
  plans.set(key, plan);
  return plan;
}

function runJob(job: JobMessage, port: MessagePort): void {
  const ctl = new Int32Array(job.control);
  const me = CONTROL.states + job.thread;
  Atomics.store(ctl, me, STATE.working);
  try {
    const task = job.task;
    const plan = planFor(job.planKey, job.plan);
    let runner: SegmentSource | null = null;
    const reducer = passReducer(task.job);
    for (;;) {
      const first = task.from + Atomics.add(ctl, CONTROL.next, job.block);
      if (first >= task.to) break;
      runner ??= runnerFor(plan, task);
      for (let seg = first; seg < Math.min(task.to, first + job.block); seg++) {
        runner.segment(seg, reducer);
        Atomics.add(ctl, CONTROL.done, 1);
        Atomics.notify(ctl, CONTROL.done);
      }
    }
    const message = runner ? reducer.message() : null;
    // Handed over, not copied: the message's arrays are this thread's to give away.
    port.postMessage(
      { id: job.id, result: message ? { messages: [message], problems: [...runner!.problems.byNode] } : null },
      message ? transferables(message) : [],
    );
    Atomics.store(ctl, me, STATE.finished);
  } catch (e) {
    port.postMessage({ id: job.id, error: e instanceof Error ? (e.stack ?? e.message) : String(e) });
    Atomics.store(ctl, me, STATE.failed);
  }
  Atomics.notify(ctl, me);
  Atomics.add(ctl, CONTROL.done, 0);
  Atomics.notify(ctl, CONTROL.done);
}

/** The distinct buffers under a message's typed arrays (never a shared one). */
function transferables(msg: unknown): ArrayBuffer[] {
  const found = new Set<ArrayBuffer>();
  const walk = (x: unknown): void => {
    if (ArrayBuffer.isView(x)) {
      if (x.buffer instanceof ArrayBuffer) found.add(x.buffer);
    } else if (Array.isArray(x)) x.forEach(walk);
    else if (x !== null && typeof x === 'object') Object.values(x).forEach(walk);
  };
  walk(msg);
  return [...found];
}

const results = (workerData as { results: MessagePort }).results;
// The calling thread probes whether this thread still runs by posting empty messages (threads.ts).
results.on('message', () => {});
parentPort!.on('message', (job: JobMessage) => runJob(job, results));
// Loaded: EngineThreads.ready() waits for this.
parentPort!.postMessage('ready');
