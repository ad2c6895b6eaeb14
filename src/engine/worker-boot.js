// An engine thread's entry when running from the sources: registers tsx, then loads the worker.
import { register } from 'tsx/esm/api';

register();
await import('./worker.ts');
