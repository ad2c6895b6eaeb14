// Builds the server, its compute worker and the command line from src/ into dist/ with esbuild
// whenever a file under src/ is newer than the last build. `npm start`
// and `npx credence` then run plain JavaScript: they start in a fraction of the time the
// TypeScript sources take through tsx, and V8 optimises the numeric loops as written.
import { build } from 'esbuild';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SRC = join(ROOT, 'src');
export const DIST = join(ROOT, 'dist');
const STAMP = join(DIST, 'built');
const ENTRIES = {
  server: join(SRC, 'web', 'server.ts'),
  worker: join(SRC, 'web', 'compute', 'worker.ts'),
  cli: join(SRC, 'cli', 'main.ts'),
};

// math.js is bundled, so only the parser it is used for is loaded (its full default instance
// takes more than a second to create); every other package stays external.
const BUNDLED = new Set(['mathjs']);
const { dependencies } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const EXTERNAL = Object.keys(dependencies)
  .filter((d) => !BUNDLED.has(d))
  .flatMap((d) => [d, `${d}/*`]);

function newestSource(dir) {
  let newest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    newest = Math.max(newest, e.isDirectory() ? newestSource(p) : statSync(p).mtimeMs);
  }
  return newest;
}

function builtAt() {
  try {
    return statSync(STAMP).mtimeMs;
  } catch {
    return -1;
  }
}

/** The file URL of a built entry ('server', 'worker' or 'cli'), building first when stale. */
export async function built(entry) {
  if (builtAt() < newestSource(SRC)) {
    // Each build writes to a folder of its own and moves its files into place, so processes
    // starting at the same moment never load a half-written file.
    const tmp = join(DIST, `.build-${process.pid}-${Date.now()}`);
    mkdirSync(tmp, { recursive: true });
    try {
      await build({
        entryPoints: ENTRIES,
        outdir: tmp,
        bundle: true,
        platform: 'node',
        format: 'esm',
        target: 'node20',
        external: EXTERNAL,
        sourcemap: 'linked',
        // Each command's code (and the packages only it needs) loads when the command runs.
        splitting: true,
        chunkNames: 'chunks/[name]-[hash]',
        logLevel: 'error',
      });
      // Chunks are named by content hash: new ones are added beside any a running process uses.
      mkdirSync(join(DIST, 'chunks'), { recursive: true });
      for (const f of readdirSync(join(tmp, 'chunks'))) renameSync(join(tmp, 'chunks', f), join(DIST, 'chunks', f));
      for (const f of readdirSync(tmp)) if (f !== 'chunks') renameSync(join(tmp, f), join(DIST, f));
      writeFileSync(STAMP, `${new Date().toISOString()}\n`);
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  }
  return pathToFileURL(join(DIST, `${entry}.js`)).href;
}
