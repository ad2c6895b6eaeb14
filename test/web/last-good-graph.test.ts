// An importer whose own file is unchanged but whose graph another file's edit breaks (the name it
// reads renamed or deleted, the input it sets made a node) keeps serving its last good version,
// and the import's edit is held back (one id, one version) until the importer agrees with it: the
// page, the run and the import's own run answer as before the edit, the banner names the
// importer's file, line and the missing name, `credence check` reports the same error, and once
// the importer is edited to match, both fresh versions serve.
// Quantities are constants, so every figure is exact by hand: y = 3x, z = y + 1.

import { describe, it, expect, afterEach } from 'vitest';
import request from 'supertest';
import { bannerText, appWith, cli, editModel, type Fixture } from './helpers.ts';

/** b: input x, node `name` = 3x (its output); `xAsNode` makes x a node instead of an input. */
const base = (x: number, name = 'y', xAsNode = false): string =>
  xAsNode
    ? `title: Base\nnodes:\n  x:\n    expr: ${x}\n  ${name}:\n    expr: x * 3\noutput: ${name}\n`
    : `title: Base\ninputs:\n  x: ${x}\nnodes:\n  ${name}:\n    expr: x * 3\noutput: ${name}\n`;
/** a: z = b.<name> + 1, optionally setting b's input x through the import. */
const top = (name = 'y', setX?: number): string =>
  (setX === undefined
    ? `title: Top\nimports:\n  b: b\n`
    : `title: Top\nimports:\n  b:\n    model: b\n    set:\n      x: ${setX}\n`) +
  `nodes:\n  z:\n    expr: b.${name} + 1\noutput: z\n`;

let f: Fixture | null = null;
afterEach(async () => {
  await f?.close();
  f = null;
});

/** A node's mean from a model's run, and the status. */
async function meanOf(app: Fixture['web']['app'], id: string, node: string) {
  const res = await request(app).get(`/api/models/${id}/run?samples=200`);
  return { status: res.status, mean: res.body.nodes?.[node]?.mean as number | undefined };
}

interface Break {
  how: string;
  a: string;
  /** z before the edit, from b's x = 2 (or the x a sets). */
  z: number;
  /** b's edited text: x becomes 5 too, so which version of b serves shows in its numbers. */
  b: string;
  /** b's own output name and value before the edit. */
  bOut: [string, number];
  says: string;
  /** a edited to agree with the new b, and z then. */
  fix: string;
  fixed: number;
  bOutFixed: [string, number];
}

const BREAKS: Break[] = [
  {
    how: 'the name it reads renamed',
    a: top(),
    z: 7,
    b: base(5, 'w'),
    bOut: ['y', 6],
    says: "models/a.yaml:6:11: unknown name 'b.y' in node 'z'",
    fix: top('w'),
    fixed: 16,
    bOutFixed: ['w', 15],
  },
  {
    how: 'the name it reads deleted',
    a: top(),
    z: 7,
    b: `title: Base\ninputs:\n  x: 5\noutput: x\n`,
    bOut: ['y', 6],
    says: "models/a.yaml:6:11: unknown name 'b.y' in node 'z'",
    fix: top('x'),
    fixed: 6,
    bOutFixed: ['x', 5],
  },
  {
    how: 'the input it sets made a node',
    a: top('y', 4),
    z: 13,
    b: base(5, 'y', true),
    bOut: ['y', 6],
    says: "models/a.yaml:6:7: 'x' is a node of 'b', not an input; only inputs can be set by an import",
    fix: top(),
    fixed: 16,
    bOutFixed: ['y', 15],
  },
];

describe("an importer whose graph an import's edit breaks", () => {
  it.each(BREAKS)('$how: last good versions of both, the error at the importer, then both fresh', async (b) => {
    f = await appWith({ 'a.yaml': b.a, 'b.yaml': base(2) });
    const app = f.web.app;
    const [out, before] = b.bOut;
    expect(await meanOf(app, 'a', 'z')).toEqual({ status: 200, mean: b.z });
    const css = await request(app).get('/static/site.css');
    expect(css.status).toBe(200);

    editModel(f.modelsDir, 'b', () => b.b);
    expect(await meanOf(app, 'a', 'z')).toEqual({ status: 200, mean: b.z });
    expect(await meanOf(app, 'b', out)).toEqual({ status: 200, mean: before });
    const page = await request(app).get('/models/a?samples=200');
    expect(page.status).toBe(200);
    const banner = bannerText(page.text);
    expect(banner).toContain('The last good version of');
    expect(banner).toContain(b.says);
    const listed = await request(app).get('/api/models');
    const models = listed.body.models as { id: string; stale: boolean }[];
    expect(models.filter((m) => m.stale).map((m) => m.id)).toEqual(['a', 'b']);
    const again = await request(app).get('/static/site.css');
    expect([again.status, again.text]).toEqual([200, css.text]);

    // The command line has no last good version: it reports the importer's error.
    const checked = await cli(['check', f.modelsDir], f.modelsDir);
    expect(checked.code).not.toBe(0);
    expect(checked.out.join('\n')).toContain(b.says.replace('models/', ''));

    // The importer agrees with the import's edit: both fresh versions serve, the banner goes.
    editModel(f.modelsDir, 'a', () => b.fix);
    expect(await meanOf(app, 'a', 'z')).toEqual({ status: 200, mean: b.fixed });
    expect(await meanOf(app, 'b', b.bOutFixed[0])).toEqual({ status: 200, mean: b.bOutFixed[1] });
    const fresh = await request(app).get('/models/a?samples=200');
    expect(fresh.status).toBe(200);
    expect(bannerText(fresh.text)).toBeNull();
  });

  it("an importer that never built with its import keeps its own error, and the import's edit serves", async () => {
    f = await appWith({ 'a.yaml': top('v'), 'b.yaml': base(2) });
    const app = f.web.app;
    expect((await request(app).get('/api/models/a/run?samples=200')).status).toBe(400);
    editModel(f.modelsDir, 'b', () => base(5, 'w'));
    expect(await meanOf(app, 'b', 'w')).toEqual({ status: 200, mean: 15 });
    const res = await request(app).get('/api/models/a/run?samples=200');
    expect(res.status).toBe(400);
    const listed = await request(app).get('/api/models');
    expect((listed.body.models as { stale: boolean }[]).filter((m) => m.stale)).toEqual([]);
  });
});
