#!/usr/bin/env node
// The `credence` command line, as built into dist/ at install (see build.js).
import { distEntry } from './dist.js';

// Output piped into `head` and the like: stop quietly when the reader goes away.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e) => {
    if (e.code === 'EPIPE') process.exit(0);
    throw e;
  });
}
const { main } = await import(distEntry('cli'));
process.exitCode = await main(process.argv.slice(2));
