// Shared set-up for the web tests: a copy of the shipped models in a temporary folder (so a
// test can edit or break a file), an app over it, and a captured CLI for comparing messages.

import { cpSync, mkdirSync, mkdtempSync, rmSync, readFileSync, writeFileSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createApp, type AppOptions, type WebApp } from '../../src/web/app.ts';
import { BUILT_WORKERS } from '../support/built-workers.ts';
import { UNTIL_READY_MS } from '../support/waits.ts';
import { main } from '../../src/main/credence.ts';
import request from 'supertest';

export const SHIPPED_MODELS = resolve('models');

/**
 * The test apps load model files in their own thread: a loading worker costs each app about 0.3 s
 * of CPU to start, and a run of the suite builds some sixty apps. The browser tests, which serve
 * the app as a reader gets it, and the tests of the worker's budgets (live-reload's) pass
 * `loading: LOAD_WORKER` or budgets of their own.
 */
export const NO_LOAD_WORKER = false;

/** Files vetted in a loading worker, as the served app does, with no bound on time. */
export const LOAD_WORKER = { timeMs: UNTIL_READY_MS };

export interface Fixture {
  dir: string;
  modelsDir: string;
  dbPath: string;
  web: WebApp;
  close(): Promise<void>;
}

/** A fixture whose close() stops the app and removes its folder. */
function withClose(dir: string, modelsDir: string, dbPath: string, web: WebApp): Fixture {
  return {
    dir,
    modelsDir,
    dbPath,
    web,
    async close() {
      await web.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function fixture(options: Partial<AppOptions> = {}): Promise<Fixture> {
  const dir = mkdtempSync(join(tmpdir(), 'credence-web-'));
  const modelsDir = join(dir, 'models');
  cpSync(SHIPPED_MODELS, modelsDir, { recursive: true });
  const dbPath = join(dir, 'credence.db');
  const web = await createApp({
    modelsDir,
    dbPath,
    workers: 0,
    rateLimit: false,
    // Every request of a test file comes from one address; an allowance refilled by the clock
    // would refuse some of them on a slow machine and not on a fast one. Tests of the
    // allowance give their own.
    budget: false,
    budgetMs: 50,
    // A request sees every edit of the models folder made before it, and no file or computation
    // is stopped for time, however busy the machine (tests of those bounds give their own).
    refreshWaitMs: UNTIL_READY_MS,
    loading: NO_LOAD_WORKER,
    workerTimeouts: { jobMs: UNTIL_READY_MS, checkMs: UNTIL_READY_MS },
    // Each supertest request comes to a new port: absolute links use one address.
    publicUrl: 'http://credence.test',
    workerEntries: BUILT_WORKERS,
    ...options,
  });
  return withClose(dir, modelsDir, dbPath, web);
}

/** An app over a temporary models folder holding `files` (name → text), with no workers and no rate limit. */
export async function appWith(files: Record<string, string>, options: Partial<AppOptions> = {}): Promise<Fixture> {
  const dir = mkdtempSync(join(tmpdir(), 'credence-web-'));
  const modelsDir = join(dir, 'models');
  mkdirSync(modelsDir);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(modelsDir, name), text);
  const dbPath = join(dir, 'db.sqlite');
  const web = await createApp({
    modelsDir,
    dbPath,
    workers: 0,
    rateLimit: false,
    refreshWaitMs: UNTIL_READY_MS,
    loading: NO_LOAD_WORKER,
    workerTimeouts: { jobMs: UNTIL_READY_MS, checkMs: UNTIL_READY_MS },
    workerEntries: BUILT_WORKERS,
    ...options,
  });
  return withClose(dir, modelsDir, dbPath, web);
}

/** Rewrite a model file and make sure its modification time moves on. */
export function editModel(modelsDir: string, id: string, edit: (text: string) => string): void {
  const path = join(modelsDir, `${id}.yaml`);
  writeFileSync(path, edit(readFileSync(path, 'utf8')));
  const later = new Date(Date.now() + 2000);
  utimesSync(path, later, later);
}

/** Run the CLI in-process and capture what it prints. */
export async function cli(args: string[], modelsDir: string): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, {
    out: (s) => out.push(s),
    err: (s) => err.push(s),
    modelsDir,
    dbPath: join(modelsDir, '..', 'cli.db'),
  });
  return { code, out, err };
}

export function escapeHtml(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#x27;')
    .replace(/`/g, '&#x60;')
    .replace(/=/g, '&#x3D;');
}

/** Every <script> of a page: inline ones must be JSON data, never code. */
export function scriptsOf(html: string): { attrs: string; body: string }[] {
  return [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)].map((m) => ({ attrs: m[1]!, body: m[2]! }));
}

/** The text of the model-file banner on a page, with entities decoded, or null. */
export function bannerText(html: string): string | null {
  const m = /<div class="banner" role="alert">([\s\S]*?)<\/ul>/.exec(html);
  return m
    ? m[1]!
        .replace(/<[^>]+>/g, ' ')
        .replace(/&#x27;/g, "'")
        .replace(/\s+/g, ' ')
    : null;
}

/** An SVG response with its text (supertest leaves image bodies unread). */
export const getSvg = (app: Parameters<typeof request>[0], url: string) =>
  request(app)
    .get(url)
    .buffer(true)
    .parse((res, done) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => done(null, text));
    })
    .then((res) => Object.assign(res, { text: res.body as string }));
