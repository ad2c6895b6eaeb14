// The views compile every template when they are made, so that no reader's request pays for
// compiling one: a template that cannot compile stops the views from being made at all, and
// one made renders pages, bodies, the layout's two halves and partials alone.

import { describe, it, expect, afterEach } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createViews } from '../../src/web/view-engine.ts';

let dir = '';
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function views(files: Record<string, string>): string {
  dir = mkdtempSync(join(tmpdir(), 'credence-views-'));
  mkdirSync(join(dir, 'pages'));
  mkdirSync(join(dir, 'partials'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

const GOOD = {
  'layout.hbs': '<main>{{body}}</main>',
  'pages/hello.hbs': '<p>{{> name who=who }}</p>',
  'partials/name.hbs': '<b>{{who}}</b>',
};

describe('views', () => {
  it('that cannot compile fail when made, naming nothing rendered yet', () => {
    for (const broken of ['pages/other.hbs', 'partials/other.hbs', 'layout.hbs'])
      expect(() => createViews(views({ ...GOOD, [broken]: '{{#if x}}unclosed' })), broken).toThrow(
        /Parse error|doesn't match|Expecting/,
      );
  });

  it('once made, render a page in the layout, its body, the layout around a later body, and a partial', () => {
    const v = createViews(views(GOOD));
    expect(v.page('hello', { who: 'Ada <3' })).toBe('<main><p><b>Ada &lt;3</b></p></main>');
    expect(v.body('hello', { who: 'Ada' })).toBe('<p><b>Ada</b></p>');
    expect(v.layout({})).toEqual({ top: '<main>', bottom: '</main>' });
    expect(v.partial('name', { who: 'Ada' })).toBe('<b>Ada</b>');
  });
});
