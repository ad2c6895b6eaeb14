// A compute worker parses a model when work first needs it and keeps it while its text is
// unchanged: after one file changes, a job on a model that does not import it parses nothing,
// a job on the changed model parses it and what it imports that was not parsed yet, and every
// answer is the one a project parsed whole gives. Parses are counted through the parser.

import { describe, it, expect, beforeAll } from 'vitest';
import { WorkerProjects } from '../../../src/web/compute/worker-project.ts';
import { runWork } from '../../../src/web/compute/computer.ts';
import { LiveProject, projectFromTexts, type ProjectTexts } from '../../../src/web/live-project.ts';
import { loadModelText } from '../../../src/model/load.ts';
import { parseRequest, NOTHING_OUTSIDE, type Job } from '../../../src/analysis/registry/index.ts';
import { CLI_LIMITS } from '../../../src/analysis/request.ts';
import { SHIPPED_MODELS } from '../helpers.ts';

let before: ProjectTexts;
let after: ProjectTexts;

/** A worker's projects whose parser counts: `taken()` gives the ids parsed since it was last asked. */
function counted() {
  const parsed: string[] = [];
  const projects = new WorkerProjects((text, file, id) => {
    parsed.push(id);
    return loadModelText(text, file, id);
  });
  return { projects, taken: () => parsed.splice(0).sort() };
}

beforeAll(() => {
  before = new LiveProject(SHIPPED_MODELS).current().texts;
  // p-scheming changes; nothing imports it, and counting-argument imports only speed-costs.
  after = {
    ...before,
    version: `${before.version}-edited`,
    models: before.models.map((m) =>
      m.id === 'p-scheming' ? { ...m, text: m.text.replace(/^title: .*$/m, 'title: P(scheming), edited') } : m,
    ),
  };
});

function run(model: string): Job {
  const r = parseRequest('run', { model, samples: 2000, seed: 11 }, CLI_LIMITS);
  if (!r.ok) throw new Error(r.message);
  return { analysis: 'run', request: r.value, outside: NOTHING_OUTSIDE };
}
const answer = (project: ReturnType<typeof projectFromTexts>, model: string) =>
  runWork(project, { kind: 'job', job: run(model) });

describe("a compute worker's project", () => {
  it('parses, for a job, the model and its imports only, and answers as the whole project does', () => {
    const { projects, taken } = counted();
    const first = projects.load(before);
    expect(taken()).toEqual([]);
    const counting = answer(first, 'counting-argument');
    expect(taken()).toEqual(['counting-argument', 'speed-costs']);
    expect(counting).toEqual(answer(projectFromTexts(before), 'counting-argument'));
  });

  it('parses nothing for a job on a model the changed file is not imported by', () => {
    const { projects, taken } = counted();
    const counting = answer(projects.load(before), 'counting-argument');
    taken();
    const again = answer(projects.load(after), 'counting-argument');
    expect(taken()).toEqual([]);
    expect(again).toEqual(counting);
  });

  it('parses the changed model, and what it imports that was not parsed yet, once', () => {
    const { projects, taken } = counted();
    answer(projects.load(before), 'counting-argument');
    taken();
    const second = projects.load(after);
    const edited = answer(second, 'p-scheming');
    expect(taken()).toEqual([
      'carlsmith-conjunctive',
      'evidence-2025',
      'iterative-chain',
      'p-scheming',
      'reasoning-models-2025',
      'selection-bits',
    ]);
    expect(edited).toEqual(answer(projectFromTexts(after), 'p-scheming'));
    expect(second.models.get('p-scheming')!.title).toBe('P(scheming), edited');
    expect(taken()).toEqual([]);
  });

  it('parses every model once when work looks at all of them, in the files’ order', () => {
    const seen: string[] = [];
    const own = new WorkerProjects((text, file, id) => {
      seen.push(id);
      return loadModelText(text, file, id);
    });
    const whole = projectFromTexts(after);
    for (const texts of [before, after]) {
      const project = own.load(texts);
      expect([...project.models.keys()]).toEqual([...projectFromTexts(texts).models.keys()]);
      expect(project.models.size).toBe(texts.models.length);
      expect(project.models.has('nosuch')).toBe(false);
    }
    // Each model of the first snapshot once, then only the changed one.
    expect(seen).toEqual([...before.models.map((m) => m.id), 'p-scheming']);
    const last = own.load(after);
    expect([...last.models.values()].map((m) => m.hash)).toEqual([...whole.models.values()].map((m) => m.hash));
    expect(seen).toHaveLength(before.models.length + 1);
  });
});
