// The priority of the server's worker threads (the compute lanes, the loading worker) below the
// request thread's. The request thread answers static files and short requests while the workers
// compute; when every core is busy, the kernel then runs the request thread first, so a reader's
// small request waits for its own work, not for a core. On Linux a thread's nice value is its own
// (setpriority on "process" 0 is the calling thread); elsewhere it is the whole process's, which
// this leaves alone.

import { getPriority, setPriority } from 'node:os';

/** How much nicer a worker thread is than the thread that started it. */
export const WORKER_NICENESS = 5;

/** Make the calling worker thread `WORKER_NICENESS` nicer; whether it could. */
export function lowerThisThread(): boolean {
  if (process.platform !== 'linux') return false;
  try {
    setPriority(0, Math.min(19, getPriority(0) + WORKER_NICENESS));
    return true;
  } catch {
    return false;
  }
}
