// Finds a built entry of dist/ for bin/serve.js and bin/credence.js. Starting never builds
// or writes anything (the build runs at install: `npm run build`, npm's `prepare`); a missing
// build is one line and exit code 1, and a clone whose src/ changed since the build says so.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DIST = join(ROOT, 'dist');

function newestSource(dir) {
  let newest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    newest = Math.max(newest, e.isDirectory() ? newestSource(p) : statSync(p).mtimeMs);
  }
  return newest;
}

/** Whether the build in dist/ is older than some file in src/ (or missing). */
export function buildIsStale(root = ROOT) {
  try {
    return newestSource(join(root, 'src')) > statSync(join(root, 'dist', 'built')).mtimeMs;
  } catch {
    return true;
  }
}

/** The file URL of dist/<entry>.js; exits with one line when Credence has not been built. */
export function distEntry(entry) {
  const file = join(DIST, `${entry}.js`);
  if (!existsSync(file)) {
    process.stderr.write(
      `credence: ${file} is missing: build Credence first with \`npm run build\` (npm install does it)\n`,
    );
    process.exit(1);
  }
  // In a clone, edited sources are not what runs until the next build.
  if (existsSync(join(ROOT, 'src')) && buildIsStale())
    process.stderr.write('credence: src/ changed since the last build; `npm run build` to run the changes\n');
  return pathToFileURL(file).href;
}
