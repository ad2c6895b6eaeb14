// The browser's files, built by esbuild into public/build/ once, at install (bin/build.js runs
// buildClient; the server never writes there):
//   app.js            every page's script (charts, d3 included)
//   editor.js         the model editor (CodeMirror 6)
//   engine-worker.js  the model loader, engine and analyses for the editor's Web Worker; Node's
//                     fs/path/crypto are replaced by the small stand-ins in src/web/editor/shims/
//   katex/            KaTeX's stylesheet and fonts, for formulas rendered on the server

import { build, type Plugin } from 'esbuild';
import { cpSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import { ROOT } from './root.ts';

const CLIENT = join(ROOT, 'src', 'web', 'client');
const SHIMS = join(ROOT, 'src', 'web', 'editor', 'shims');

export const CLIENT_ENTRIES = {
  app: join(CLIENT, 'main.ts'),
  editor: join(CLIENT, 'editor', 'main.ts'),
  'engine-worker': join(ROOT, 'src', 'web', 'editor', 'worker.ts'),
};

/** Node built-ins the model loader imports, mapped to browser stand-ins. */
const nodeShims: Plugin = {
  name: 'node-shims',
  setup(b) {
    const map: Record<string, string> = {
      'node:fs': join(SHIMS, 'node-fs.ts'),
      'node:path': join(SHIMS, 'node-path.ts'),
      'node:crypto': join(SHIMS, 'node-crypto.ts'),
    };
    b.onResolve({ filter: /^node:(fs|path|crypto)$/ }, (args) => ({ path: map[args.path]! }));
  },
};

export async function buildClient(outdir: string, minify = true): Promise<void> {
  const common = {
    bundle: true,
    format: 'esm' as const,
    platform: 'browser' as const,
    target: ['es2022'],
    minify,
    sourcemap: false,
    legalComments: 'none' as const,
    logLevel: 'silent' as const,
  };
  await Promise.all([
    build({
      ...common,
      entryPoints: { app: CLIENT_ENTRIES.app, editor: CLIENT_ENTRIES.editor },
      outdir,
    }),
    build({
      ...common,
      entryPoints: { 'engine-worker': CLIENT_ENTRIES['engine-worker'] },
      outdir,
      plugins: [nodeShims],
      inject: [join(SHIMS, 'globals.ts')],
    }),
  ]);
  const katex = dirname(createRequire(import.meta.url).resolve('katex'));
  mkdirSync(join(outdir, 'katex'), { recursive: true });
  cpSync(join(katex, 'katex.min.css'), join(outdir, 'katex', 'katex.min.css'));
  cpSync(join(katex, 'fonts'), join(outdir, 'katex', 'fonts'), { recursive: true });
}
