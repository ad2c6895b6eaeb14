// Credence as an npm package: what `npm pack` ships, runtime dependencies that are exactly the
// packages the built code imports, and a read-only install that serves as an unprivileged user
// (`nobody` when the tests run as root) without writing a byte into its own folder.

import { afterAll, describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import {
  chmodSync,
  cpSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  symlinkSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

const REPO = resolve('.');
const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
  engines: { node: string };
  files: string[];
};

/** The files `npm pack` would put in the package (the build is already in dist/ and public/build/). */
function packedFiles(): string[] {
  const r = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: REPO, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`npm pack failed: ${r.stderr}`);
  return (JSON.parse(r.stdout) as { files: { path: string }[] }[])[0]!.files.map((f) => f.path);
}

const files = packedFiles();

describe('the package', () => {
  it('ships the built server, command line, browser files, views, models and legal files, not the sources', () => {
    for (const f of [
      'bin/serve.js',
      'bin/credence.js',
      'bin/dist.js',
      'dist/server.js',
      'dist/worker.js',
      'dist/load-worker.js',
      'dist/cli.js',
      'public/build/app.js',
      'public/site.css',
      'views/layout.hbs',
      'models/predictions.yaml',
      'README.md',
      'LICENSE',
      'CHANGELOG.md',
    ])
      expect(files).toContain(f);
    expect(files.filter((f) => /^(src|test|bench|data|node_modules)\//.test(f))).toEqual([]);
  });

  it('has runtime dependencies that are exactly the packages the built code imports', () => {
    const { imports } = JSON.parse(readFileSync(join(REPO, 'dist', 'metafile.json'), 'utf8')) as { imports: string[] };
    expect(Object.keys(pkg.dependencies).sort()).toEqual(imports);
  });

  it('supports the Node.js version the tests run on', () => {
    expect(pkg.engines.node).toBe('^20.19.0');
    expect(process.versions.node).toMatch(/^20\./);
  });
});

describe('a read-only install', () => {
  const dir = mkdtempSync(join(tmpdir(), 'credence-install-'));
  afterAll(() => {
    spawnSync('chmod', ['-R', 'u+w', dir]);
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves as an unprivileged user and writes nothing into its own folder', async () => {
    const root = process.getuid?.() === 0;
    const install = join(dir, 'credence');
    for (const f of files) {
      mkdirSync(dirname(join(install, f)), { recursive: true });
      cpSync(join(REPO, f), join(install, f));
    }
    cpSync(join(REPO, 'package.json'), join(install, 'package.json'));
    symlinkSync(join(REPO, 'node_modules'), join(install, 'node_modules'));
    const data = join(dir, 'data');
    mkdirSync(data);
    chmodSync(dir, 0o755);
    chmodSync(data, 0o777);
    // The repository's node_modules must be readable by the unprivileged user.
    for (let d = REPO; d !== dirname(d); d = dirname(d))
      if (root) expect((statSync(d).mode & 0o005) === 0o005, `${d} must be world-readable for this test`).toBe(true);
    spawnSync('chmod', ['-R', 'a-w', install]);
    const before = listing(install);

    const child = spawn(process.execPath, [join(install, 'bin', 'serve.js')], {
      cwd: data,
      env: {
        PATH: process.env.PATH,
        PORT: '0',
        CREDENCE_MODELS: join(install, 'models'),
        CREDENCE_DB: join(data, 'credence.db'),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
      ...(root ? { uid: 65534, gid: 65534 } : {}),
    });
    let out = '';
    let err = '';
    child.stderr.on('data', (d) => (err += String(d)));
    try {
      const url = await new Promise<string>((ok, fail) => {
        child.stdout.on('data', (d) => {
          out += String(d);
          const m = /at (http:\/\/\S+\/) /.exec(out);
          if (m) ok(m[1]!);
        });
        child.once('exit', (code) => fail(new Error(`the server exited with ${code}: ${err}`)));
      });
      const health = await fetch(`${url}healthz`);
      expect(health.status).toBe(200);
      const page = await fetch(`${url}models/iterative-chain`);
      expect(page.status).toBe(200);
      const script = await fetch(`${url}static/build/app.js`);
      expect(script.status).toBe(200);
    } finally {
      child.kill('SIGTERM');
      await new Promise((ok) => child.once('exit', ok));
    }
    expect(err).toBe('');
    expect(listing(install)).toEqual(before);
    expect(readdirSync(data)).toContain('credence.db');
    if (root) expect(statSync(join(data, 'credence.db')).uid).toBe(65534);
  });
});

/** Every file and folder under `dir` with its size and modification time. */
function listing(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isSymbolicLink()) continue;
      const s = statSync(p);
      out.push(`${p}:${s.size}:${s.mtimeMs}`);
      if (e.isDirectory()) walk(p);
    }
  };
  walk(dir);
  return out.sort();
}
