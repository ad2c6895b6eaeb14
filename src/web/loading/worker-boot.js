// The loading worker's entry from the sources: plain JavaScript that registers tsx, then loads it.
import { register } from 'tsx/esm/api';

register();
await import('./worker.ts');
