// A compute worker's entry: plain JavaScript that registers tsx, then loads the TypeScript worker.
import { register } from 'tsx/esm/api';

register();
await import('./worker.ts');
