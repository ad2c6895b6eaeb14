// The browser bundle: src/web/client/main.ts (charts, d3 included) built by esbuild into
// public/build/app.js when the server starts, so the first start after install needs nothing else.

import { build } from 'esbuild';
import { join } from 'node:path';
import { ROOT } from './root.ts';

export const CLIENT_ENTRY = join(ROOT, 'src', 'web', 'client', 'main.ts');

export async function buildClient(outfile: string, minify = true): Promise<void> {
  await build({
    entryPoints: [CLIENT_ENTRY],
    outfile,
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: ['es2022'],
    minify,
    sourcemap: false,
    legalComments: 'none',
    logLevel: 'silent',
  });
}
