// A compute worker: holds the project of the latest snapshot it was sent (parsed as work needs
// its models, see worker-project.ts) and runs work on it. Work sent with more than one thread (the
// scheduler holds as many other lanes idle for it) shares the engine's segments with engine
// threads this worker starts and keeps, under this worker's own heap limit (engine-limits.ts); the
// numbers are the same on any count.

import { parentPort, resourceLimits } from 'node:worker_threads';
import type { ProjectTexts } from '../live-project.ts';
import { WorkerProjects } from './worker-project.ts';
import { runWork, type Work } from './computer.ts';
import type { Project } from '../../model/project.ts';
import { EngineThreadStopped, EngineThreads } from '../../engine/threads.ts';
import { stopped } from './check-budget.ts';
import { useExecutors } from '../../engine/run.ts';
import { engineThreadLimits } from './engine-limits.ts';
import { lowerThisThread } from '../worker-priority.ts';

// Below the request thread, which answers while this works (worker-priority.ts).
lowerThisThread();

const projects = new WorkerProjects();
let project: Project | null = null;
let engine: EngineThreads | null = null;

parentPort!.on('message', (msg: { id: number; work?: Work; texts?: ProjectTexts; threads?: number }) => {
  try {
    if (msg.texts) project = projects.load(msg.texts);
    if (!msg.work) return;
    if (!project) throw new Error('the worker has no project');
    parentPort!.postMessage({ id: msg.id, result: withThreads(msg.threads ?? 1, project, msg.work) });
  } catch (e) {
    // An engine thread of this job stopped by its heap limit: the job's answer, as when this
    // worker is stopped by its own (computer.ts).
    if (e instanceof EngineThreadStopped) parentPort!.postMessage({ id: msg.id, result: stopped(e.error) });
    else parentPort!.postMessage({ id: msg.id, error: e instanceof Error ? e.message : String(e) });
  } finally {
    useExecutors(null);
  }
});

/** Run `work` with the engine's passes shared between `threads` threads (this one included). */
function withThreads(threads: number, p: Project, work: Work): unknown {
  if (threads > 1) {
    if (!engine || engine.threads < threads) {
      void engine?.close();
      engine = new EngineThreads(threads, 1, engineThreadLimits(resourceLimits));
    }
    const pool = engine;
    useExecutors((graph, plan) => pool.executor(graph, plan, threads));
  }
  return runWork(p, work);
}
