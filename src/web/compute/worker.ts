// A compute worker: holds the project of the latest snapshot it was sent (parsed as work needs
// its models, see worker-project.ts) and runs work on it.

import { parentPort } from 'node:worker_threads';
import type { ProjectTexts } from '../live-project.ts';
import { WorkerProjects } from './worker-project.ts';
import { runWork, type Work } from './computer.ts';
import type { Project } from '../../model/project.ts';

const projects = new WorkerProjects();
let project: Project | null = null;

parentPort!.on('message', (msg: { id: number; work?: Work; texts?: ProjectTexts }) => {
  try {
    if (msg.texts) project = projects.load(msg.texts);
    if (!msg.work) return;
    if (!project) throw new Error('the worker has no project');
    parentPort!.postMessage({ id: msg.id, result: runWork(project, msg.work) });
  } catch (e) {
    parentPort!.postMessage({ id: msg.id, error: e instanceof Error ? e.message : String(e) });
  }
});
