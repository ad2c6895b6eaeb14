// Provenance of every input: `basis: source` with `from`, or `basis: assumption` with the reason
// in `note`. Loading accepts a model without it (a draft still runs); `credence check` reports
// each input that lacks it, at the input's name.

import { describe, it, expect, afterAll } from 'vitest';
import check from '../../src/cli/check.ts';
import { loadProject } from '../../src/model/project.ts';
import { checkProvenance, countProvenance, inputsWithImports } from '../../src/model/provenance.ts';
import { formatError } from '../../src/model/errors.ts';
import { captureIO, cleanupTemp, tempProject } from '../engine/helpers.ts';

afterAll(cleanupTemp);

const A = [
  'title: A',
  'inputs:',
  '  stated:',
  '    basis: source',
  '    from: "001, Summing up: 2^100 against 100 bits"',
  '    dist: 100',
  '  mine:',
  '    basis: assumption',
  '    note: no source gives this; wide on purpose',
  '    dist: beta(2, 2)',
  '  bare: 3',
  '  sourced_without_from:',
  '    basis: source',
  '    dist: 1',
  '  assumed_without_note:',
  '    basis: assumption',
  '    dist: 2',
  'nodes:',
  '  y: stated * mine + bare + sourced_without_from + assumed_without_note',
  'output: y',
  '',
].join('\n');

const B =
  'title: B\nimports:\n  a: a\ninputs:\n  k:\n    basis: assumption\n    note: n\n    dist: 2\nnodes:\n  z: a.y * k\noutput: z\n';

describe('input provenance', () => {
  it('loads and keeps basis and from on each input (null when undeclared)', () => {
    const p = loadProject(tempProject({ 'a.yaml': A }));
    expect(p.errors).toEqual([]);
    const m = p.models.get('a')!;
    expect(m.inputs.stated!.basis).toBe('source');
    expect(m.inputs.stated!.from).toBe('001, Summing up: 2^100 against 100 bits');
    expect(m.inputs.mine!.basis).toBe('assumption');
    expect(m.inputs.mine!.from).toBeNull();
    expect(m.inputs.bare!.basis).toBeNull();
  });

  it('check reports each incomplete input at its name, and nothing for complete ones', () => {
    const dir = tempProject({ 'a.yaml': A });
    const errors = checkProvenance(loadProject(dir)).map((e) => formatError(e).replace(`${dir}/`, ''));
    expect(errors).toEqual([
      "a.yaml:11:3: input 'bare' has no 'basis': add 'basis: source' with 'from:' naming the document and passage, or 'basis: assumption' with the reason in 'note:'",
      "a.yaml:12:3: input 'sourced_without_from' is a source's figure ('basis: source') but has no 'from:' naming the document and passage",
      "a.yaml:15:3: input 'assumed_without_note' is an assumption ('basis: assumption') but has no 'note:' giving the reason",
    ]);
  });

  it('credence check fails on missing provenance with one line per input', async () => {
    const dir = tempProject({ 'a.yaml': A });
    const io = captureIO(dir);
    expect(await check([], io)).toBe(1);
    expect(io.stdout).toHaveLength(3);
    expect(io.stderr).toEqual(['3 problems found']);
  });

  it('a basis other than source or assumption is a located load error', () => {
    const p = loadProject(
      tempProject({ 'c.yaml': 'title: C\ninputs:\n  x:\n    basis: guess\n    dist: 1\noutput: x\n' }),
    );
    expect(p.errors.map((e) => `${e.line}:${e.col}: ${e.message}`)).toEqual([
      "4:12: 'basis' of input 'x': the basis must be 'source' or 'assumption'",
    ]);
  });

  it('counts a model alone and with every input it imports', () => {
    const p = loadProject(tempProject({ 'a.yaml': A, 'b.yaml': B }));
    const b = p.models.get('b')!;
    expect(countProvenance(Object.values(b.inputs))).toEqual({ source: 0, assumption: 1, undeclared: 0, total: 1 });
    expect(countProvenance(inputsWithImports(p, b))).toEqual({ source: 2, assumption: 3, undeclared: 1, total: 6 });
  });
});
