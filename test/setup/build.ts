// Vitest global set-up: tests that start `bin/serve.js` or `bin/credence.js`, or load the page
// bundle in a browser, run the build in dist/ and public/build/; rebuild it when src/ is newer.
import { buildAll } from '../../bin/build.js';
import { buildIsStale } from '../../bin/dist.js';

export default async function setup(): Promise<void> {
  if (buildIsStale()) await buildAll();
}
