// The browser bundle: src/web/client/main.ts (charts, d3 included) built by esbuild into
// public/build/app.js when the server starts, so the first start after install needs nothing else.

import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

export const CLIENT_ENTRY = fileURLToPath(new URL('./client/main.ts', import.meta.url));

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
