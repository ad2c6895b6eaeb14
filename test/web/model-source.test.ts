// A model's file on the web: the raw YAML, the highlighted file view whose line numbers error
// messages point to, the editor pages (with the text as inert page data), and the policies:
// pages keep a CSP with no script evaluation; the editor's worker alone may compile code.

import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import request from 'supertest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fixture, editModel, scriptsOf, type Fixture } from './helpers.ts';
import { highlightYaml } from '../../src/web/highlight.ts';
import { encodeFragment, decodeFragment } from '../../src/web/client/editor/share.ts';
import { NEW_MODEL_TEXT, NEW_MODEL_ID } from '../../src/web/pages/model-source.ts';
import { loadEdited } from '../../src/web/editor/project.ts';

let f: Fixture;
beforeAll(async () => {
  f = await fixture();
});
afterAll(async () => {
  await f?.close();
});
const get = (url: string) => request(f.web.app).get(url);

describe('model files on the web', () => {
  it('serves the raw YAML of a model exactly as on disk, and 404s for anything else', async () => {
    const res = await get('/models/iterative-chain.yaml');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/yaml/);
    expect(res.text).toBe(readFileSync(join(f.modelsDir, 'iterative-chain.yaml'), 'utf8'));
    expect((await get('/models/no-such.yaml')).status).toBe(404);
    expect((await get('/models/..%2Fpackage.yaml')).status).toBe(404);
    expect((await get('/models/predictions.yaml')).status).toBe(404);
  });

  it('shows the file with one numbered, linkable line per line of text', async () => {
    const text = readFileSync(join(f.modelsDir, 'iterative-chain.yaml'), 'utf8');
    const res = await get('/models/iterative-chain/file');
    expect(res.status).toBe(200);
    const lines = text.replace(/\n$/, '').split('\n').length;
    expect(res.text).toContain(`id="L${lines}"`);
    expect(res.text).not.toContain(`id="L${lines + 1}"`);
    expect(res.text).toContain('class="tok-propertyName');
  });

  it('marks the lines of a broken file and links each error to its line', async () => {
    editModel(f.modelsDir, 'speed-costs', (t) => t.replace(/^output: .*$/m, 'output: no_such_node'));
    const res = await get('/models/speed-costs/file');
    expect(res.status).toBe(200);
    const line = readFileSync(join(f.modelsDir, 'speed-costs.yaml'), 'utf8')
      .split('\n')
      .findIndex((l) => l.startsWith('output:'));
    expect(res.text).toContain(`<a href="#L${line + 1}">line ${line + 1}`);
    expect(res.text).toMatch(new RegExp(`class="code-line has-error" id="L${line + 1}"`));
  });

  it('highlights every character of the text, in order, once', () => {
    const text = 'title: "A" # c\ninputs:\n  p: beta(2, 3)\n\n';
    const lines = highlightYaml(text);
    expect(lines.map((l) => l.tokens.map((t) => t.text).join('')).join('\n') + '\n').toBe(text);
  });

  it('serves the editor with the file as inert JSON page data, and the new-model editor', async () => {
    const res = await get('/models/iterative-chain/edit');
    expect(res.status).toBe(200);
    const data = scriptsOf(res.text).find((s) => /id="editor-source"/.test(s.attrs))!;
    expect(JSON.parse(data.body).text).toBe(readFileSync(join(f.modelsDir, 'iterative-chain.yaml'), 'utf8'));
    expect(res.text).toContain('id="headline"');
    const fresh = await get('/models/new');
    expect(fresh.status).toBe(200);
    expect(JSON.parse(scriptsOf(fresh.text).find((s) => /id="editor-source"/.test(s.attrs))!.body).text).toBe(
      NEW_MODEL_TEXT,
    );
  });

  it('starts a new model from a text that loads without errors', () => {
    const r = loadEdited(NEW_MODEL_ID, NEW_MODEL_TEXT, new Map());
    expect(r.errors).toEqual([]);
  });

  it("keeps pages' CSP free of eval, and gives the editor's worker a policy of its own", async () => {
    const page = await get('/models/iterative-chain/edit');
    expect(page.headers['content-security-policy']).not.toMatch(/unsafe-eval|unsafe-inline/);
    const worker = await get('/static/build/engine-worker.js');
    const csp = worker.headers['content-security-policy'] as string;
    expect(csp).toContain("script-src 'self' 'unsafe-eval'");
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("connect-src 'self'");
  });
});

describe('share links', () => {
  it('carry any text, unicode included, and give it back exactly', async () => {
    for (const text of ['', 'title: T\n', NEW_MODEL_TEXT.repeat(20), 'label: “P(≥ 1 schemer)” — ünïcode 🙂\n']) {
      const frag = await encodeFragment(text);
      expect(frag).toMatch(/^model=[A-Za-z0-9_-]*$/);
      expect(await decodeFragment(`#${frag}`)).toBe(text);
    }
  });

  it('compress a model file several times over', async () => {
    expect((await encodeFragment(NEW_MODEL_TEXT)).length).toBeLessThan(NEW_MODEL_TEXT.length * 0.75);
  });

  it('say plainly when a link is damaged, and ignore fragments that carry no model', async () => {
    expect(await decodeFragment('#section-2')).toBeNull();
    await expect(decodeFragment('#model=%%%')).rejects.toThrow(/damaged/);
    const frag = await encodeFragment(NEW_MODEL_TEXT);
    await expect(decodeFragment(frag.slice(0, frag.length / 2))).rejects.toThrow(/damaged|cut short/);
  });
});
