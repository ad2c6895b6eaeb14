#!/usr/bin/env node
// The `credence` command line, built from src/ into dist/ when the sources changed (see build.js).
import { built } from './build.js';

// Output piped into `head` and the like: stop quietly when the reader goes away.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e) => {
    if (e.code === 'EPIPE') process.exit(0);
    throw e;
  });
}
const { main } = await import(await built('cli'));
process.exitCode = await main(process.argv.slice(2));
