// A compute worker: holds the project of the latest snapshot it was sent and runs work on it.

import { parentPort } from 'node:worker_threads';
import { projectFromTexts, type ProjectTexts } from '../live-project.ts';
import { runWork, type Work } from './computer.ts';
import type { Project } from '../../model/project.ts';

let project: Project | null = null;

parentPort!.on('message', (msg: { id: number; work?: Work; texts?: ProjectTexts }) => {
  try {
    if (msg.texts) project = projectFromTexts(msg.texts);
    if (!msg.work) return;
    if (!project) throw new Error('the worker has no project');
    parentPort!.postMessage({ id: msg.id, result: runWork(project, msg.work) });
  } catch (e) {
    parentPort!.postMessage({ id: msg.id, error: e instanceof Error ? e.message : String(e) });
  }
});
