// A compute worker: holds the project of the latest snapshot it was sent and runs jobs on it.

import { parentPort } from 'node:worker_threads';
import { projectFromTexts, type ProjectTexts } from '../live-project.ts';
import { runAnalysis, type Job } from '../../analysis/registry/index.ts';
import type { Project } from '../../model/project.ts';

let project: Project | null = null;

parentPort!.on('message', (msg: { id: number; job?: Job; texts?: ProjectTexts }) => {
  try {
    if (msg.texts) project = projectFromTexts(msg.texts);
    if (!msg.job) return;
    if (!project) throw new Error('the worker has no project');
    parentPort!.postMessage({ id: msg.id, result: runAnalysis(project, msg.job) });
  } catch (e) {
    parentPort!.postMessage({ id: msg.id, error: e instanceof Error ? e.message : String(e) });
  }
});
