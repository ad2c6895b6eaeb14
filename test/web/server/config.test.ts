// The server's settings from the environment: each bad value is one sentence naming the
// variable; HOST defaults to 127.0.0.1; TRUST_PROXY takes what Express's `trust proxy` takes.

import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseTrustProxy, serverConfig, urlOf } from '../../../src/web/server/config.ts';

const models = resolve('models');
const env = (e: Record<string, string>) => ({ CREDENCE_MODELS: models, ...e });

describe('serverConfig', () => {
  it('defaults to 127.0.0.1:3000, the shipped models and data/credence.db', () => {
    const r = serverConfig({});
    expect(r).toEqual({
      ok: true,
      config: {
        port: 3000,
        host: '127.0.0.1',
        modelsDir: models,
        db: 'data/credence.db',
        trustProxy: false,
        logLevel: 'info',
      },
    });
  });

  it.each([
    ['abc', "PORT must be a whole number from 0 to 65535, not 'abc'"],
    ['70000', "PORT must be a whole number from 0 to 65535, not '70000'"],
    ['-1', "PORT must be a whole number from 0 to 65535, not '-1'"],
    ['3000.5', "PORT must be a whole number from 0 to 65535, not '3000.5'"],
    ['', "PORT must be a whole number from 0 to 65535, not ''"],
  ])('refuses PORT=%j', (port, message) => {
    expect(serverConfig(env({ PORT: port }))).toEqual({ ok: false, message });
  });

  it('takes HOST, and 0.0.0.0 to serve other machines', () => {
    const r = serverConfig(env({ HOST: '0.0.0.0', PORT: '8080' }));
    expect(r.ok && [r.config.host, r.config.port]).toEqual(['0.0.0.0', 8080]);
  });

  it('refuses a models folder that is missing or is a file', () => {
    expect(serverConfig({ CREDENCE_MODELS: '/nonexistent/models' })).toEqual({
      ok: false,
      message:
        'there is no models folder at /nonexistent/models; set CREDENCE_MODELS to the folder of your model files',
    });
    const file = join(mkdtempSync(join(tmpdir(), 'credence-config-')), 'models');
    writeFileSync(file, '');
    expect(serverConfig({ CREDENCE_MODELS: file })).toEqual({
      ok: false,
      message: `the models folder ${file} is not a folder; set CREDENCE_MODELS to one`,
    });
  });

  it('refuses an unknown LOG_LEVEL', () => {
    const r = serverConfig(env({ LOG_LEVEL: 'loud' }));
    expect(r.ok ? '' : r.message).toMatch(/^LOG_LEVEL must be one of fatal, error, .*, not 'loud'$/);
  });
});

describe('TRUST_PROXY', () => {
  it.each([
    [undefined, false],
    ['', false],
    ['false', false],
    ['true', true],
    ['1', 1],
    ['loopback', 'loopback'],
    ['10.0.0.0/8, 192.168.1.1', '10.0.0.0/8, 192.168.1.1'],
    ['::1/128,loopback', '::1/128,loopback'],
    ['10.0.0.0/255.0.0.0', '10.0.0.0/255.0.0.0'],
  ])('takes %j', (text, value) => {
    expect(parseTrustProxy(text)).toEqual(value);
  });

  it.each(['yes', '10.0.0.0/33', 'proxy.example', '10.0.0.1/8/2'])('refuses %j with a sentence', (text) => {
    const r = parseTrustProxy(text);
    expect(r).toEqual({ problem: expect.stringMatching(/^TRUST_PROXY must be true, false, a number of proxies/) });
  });
});

describe('urlOf', () => {
  it('brackets IPv6 addresses', () => {
    expect(urlOf('127.0.0.1', 3000)).toBe('http://127.0.0.1:3000/');
    expect(urlOf('::1', 3000)).toBe('http://[::1]:3000/');
  });
});
