// Builds Credence once, at install (npm's `prepare`, or `npm run build`): the server, its
// compute and model-loading workers and the command line from src/ into dist/, and the browser's files (what
// src/web/bundle.ts lists: the page script, the editor, its engine worker, KaTeX's assets) into
// public/build/, all with esbuild.
// Nothing is built when the server or the command line starts, so an install can be read-only.
//
// `node bin/build.js [--root DIR]` builds into DIR (default: this package), which must hold a
// copy of src/. The build writes bin/../dist/metafile.json: which packages the built code
// imports at run time (test/packaging checks that these are exactly the `dependencies`).
import { build } from 'esbuild';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const HERE = fileURLToPath(new URL('..', import.meta.url));

// math.js is bundled, so only the parser it is used for is loaded (its full default instance
// takes more than a second to create); Squiggle's language package is bundled for its parser
// alone (`credence import`), which leaves out its command line and its React and terminal UI
// dependencies. Every other package stays external and is a runtime dependency.
const BUNDLED = ['mathjs', '@quri/squiggle-lang'];

/** Build dist/ and public/build/ under `root`; resolves to the packages the built code imports. */
export async function buildAll(root = HERE) {
  const src = join(root, 'src');
  const dist = join(root, 'dist');
  const { dependencies = {}, devDependencies = {} } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  // Every package but the bundled ones is external: a server import of a devDependency shows up
  // in the metafile (and fails the packaging test) instead of being silently inlined.
  const external = [...Object.keys(dependencies), ...Object.keys(devDependencies)]
    .filter((d) => !BUNDLED.includes(d))
    .flatMap((d) => [d, `${d}/*`]);
  // Each build writes to a folder of its own and moves its files into place, so a process
  // starting during a rebuild never loads a half-written file.
  const tmp = join(dist, `.build-${process.pid}-${Date.now()}`);
  mkdirSync(tmp, { recursive: true });
  try {
    const server = await build({
      entryPoints: {
        server: join(src, 'web', 'server.ts'),
        worker: join(src, 'web', 'compute', 'worker.ts'),
        'load-worker': join(src, 'web', 'loading', 'worker.ts'),
        'engine-worker': join(src, 'engine', 'worker.ts'),
        cli: join(src, 'main', 'credence.ts'),
      },
      outdir: tmp,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      external,
      sourcemap: 'linked',
      // Each command's code (and the packages only it needs) loads when the command runs.
      splitting: true,
      chunkNames: 'chunks/[name]-[hash]',
      metafile: true,
      logLevel: 'error',
    });
    // The browser's files: src/web/bundle.ts says what they are; it runs here, compiled on the fly.
    const bundler = join(tmp, 'bundle.mjs');
    await build({
      entryPoints: [join(src, 'web', 'bundle.ts')],
      outfile: bundler,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      packages: 'external',
      logLevel: 'error',
    });
    const { buildClient } = await import(pathToFileURL(bundler).href);
    await buildClient(join(tmp, 'client'));
    rmSync(bundler);
    const imported = runtimeImports(server.metafile);
    writeFileSync(join(tmp, 'metafile.json'), `${JSON.stringify({ imports: imported }, null, 2)}\n`);

    const publicBuild = join(root, 'public', 'build');
    rmSync(publicBuild, { recursive: true, force: true });
    mkdirSync(join(root, 'public'), { recursive: true });
    renameSync(join(tmp, 'client'), publicBuild);
    // Chunks are named by content hash: new ones are added beside any a running process uses.
    mkdirSync(join(dist, 'chunks'), { recursive: true });
    for (const f of readdirNames(join(tmp, 'chunks'))) renameSync(join(tmp, 'chunks', f), join(dist, 'chunks', f));
    for (const f of readdirNames(tmp)) if (f !== 'chunks') renameSync(join(tmp, f), join(dist, f));
    writeFileSync(join(dist, 'built'), `${new Date().toISOString()}\n`);
    return imported;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

function readdirNames(dir) {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

/** The package names (not node: built-ins) that the built code imports at run time. */
function runtimeImports(metafile) {
  const names = new Set();
  for (const out of Object.values(metafile.outputs)) {
    for (const imp of out.imports) {
      if (!imp.external || imp.path.startsWith('node:') || imp.path.startsWith('.')) continue;
      if (builtinModules.includes(imp.path.split('/')[0])) continue;
      const parts = imp.path.split('/');
      names.add(imp.path.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]);
    }
  }
  return [...names].sort();
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { root: { type: 'string' } } });
  const t0 = performance.now();
  await buildAll(values.root ? resolve(values.root) : HERE);
  console.log(`credence: built dist/ and public/build/ in ${Math.round(performance.now() - t0)} ms`);
}
