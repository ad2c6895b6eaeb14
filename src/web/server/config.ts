// The server's settings from the environment and the command line, checked before anything
// starts: PORT, HOST, TRUST_PROXY, CREDENCE_MODELS, CREDENCE_DB and LOG_LEVEL. Each bad value
// is one sentence naming the variable, so a failed start is one line.

import { readdirSync, statSync } from 'node:fs';
import { isIP } from 'node:net';
import { resolve } from 'node:path';
import { DEFAULT_DB_PATH } from '../../predictions/db.ts';

export interface ServerConfig {
  port: number;
  /** The address to listen on: 127.0.0.1 unless HOST says otherwise (0.0.0.0 serves others). */
  host: string;
  modelsDir: string;
  /** A SQLite file path or a postgres:// URL. */
  db: string;
  /** Express's `trust proxy`: false, true, a hop count, or addresses and subnets. */
  trustProxy: boolean | number | string;
  /** pino's level for the access log; 'silent' turns it off. */
  logLevel: string;
}

export interface ConfigOverrides {
  port?: number;
  host?: string;
  modelsDir?: string;
  db?: string;
}

export const DEFAULT_PORT = 3000;
export const DEFAULT_HOST = '127.0.0.1';
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

export type ConfigResult = { ok: true; config: ServerConfig } | { ok: false; message: string };

/** A port from text: a whole number from 0 to 65535 (0 picks a free one). */
export function parsePort(text: string, name: string): number | string {
  const t = text.trim();
  const n = /^\d{1,5}$/.test(t) ? Number(t) : NaN;
  return Number.isInteger(n) && n <= 65535 ? n : `${name} must be a whole number from 0 to 65535, not '${text}'`;
}

/** TRUST_PROXY as Express takes it, or a sentence saying what it accepts. */
export function parseTrustProxy(text: string | undefined): boolean | number | string | { problem: string } {
  const t = (text ?? '').trim();
  if (t === '' || t === 'false') return false;
  if (t === 'true') return true;
  if (/^\d+$/.test(t)) return Number(t);
  // What Express's proxy-addr accepts: names of reserved ranges, addresses, address/prefix.
  const bad = t
    .split(',')
    .map((p) => p.trim())
    .find((p) => !PROXY_NAMES.includes(p) && !isSubnet(p));
  if (bad === undefined) return t;
  return {
    problem: `TRUST_PROXY must be true, false, a number of proxies, or addresses and subnets such as 'loopback' or '10.0.0.0/8', not '${bad}'`,
  };
}

const PROXY_NAMES = ['loopback', 'linklocal', 'uniquelocal'];

function isSubnet(p: string): boolean {
  const [addr = '', prefix, ...rest] = p.split('/');
  const v = isIP(addr);
  if (v === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  if (isIP(prefix) === v) return true; // a netmask
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (v === 4 ? 32 : 128);
}

/** Why the models folder cannot be served, or null. */
export function modelsFolderProblem(dir: string): string | null {
  try {
    if (!statSync(dir).isDirectory()) return `the models folder ${dir} is not a folder; set CREDENCE_MODELS to one`;
    readdirSync(dir);
    return null;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT')
      return `there is no models folder at ${dir}; set CREDENCE_MODELS to the folder of your model files`;
    return `the models folder ${dir} cannot be read (${code ?? String(e)}); make it readable by this user or set CREDENCE_MODELS`;
  }
}

export function serverConfig(env: NodeJS.ProcessEnv = process.env, o: ConfigOverrides = {}): ConfigResult {
  const fail = (message: string): ConfigResult => ({ ok: false, message });
  let port = o.port;
  if (port === undefined && env.PORT !== undefined) {
    const p = parsePort(env.PORT, 'PORT');
    if (typeof p === 'string') return fail(p);
    port = p;
  }
  const host = (o.host ?? env.HOST ?? '').trim() || DEFAULT_HOST;
  const trustProxy = parseTrustProxy(env.TRUST_PROXY);
  if (typeof trustProxy === 'object') return fail(trustProxy.problem);
  const logLevel = (env.LOG_LEVEL ?? '').trim() || 'info';
  if (!LOG_LEVELS.includes(logLevel))
    return fail(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, not '${logLevel}'`);
  const modelsDir = resolve(o.modelsDir ?? (env.CREDENCE_MODELS?.trim() || 'models'));
  const problem = modelsFolderProblem(modelsDir);
  if (problem) return fail(problem);
  const db = o.db ?? (env.CREDENCE_DB?.trim() || DEFAULT_DB_PATH);
  return { ok: true, config: { port: port ?? DEFAULT_PORT, host, modelsDir, db, trustProxy, logLevel } };
}

/** The URL a browser on this machine opens for `host`:`port` (IPv6 in brackets). */
export function urlOf(host: string, port: number): string {
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}/`;
}
