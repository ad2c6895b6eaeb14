import { afterEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { loadCatalog, loadCatalogText, checkCatalog } from '../../src/predictions/catalog.ts';
import { formatError, type CredenceError } from '../../src/model/errors.ts';
import { cleanup, writeProject } from './helpers.ts';

afterEach(cleanup);

const at = (errors: CredenceError[]) => errors.map((e) => `${e.line}:${e.col}: ${e.message}`);

describe('loading the catalog', () => {
  it('loads a valid file, with ids as text and the p_yes expression parsed', () => {
    const { project } = writeProject();
    const r = loadCatalog(project);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const c = r.value;
    expect(c.predictions.map((p) => p.id)).toEqual(['1', '3a', '5']);
    const p = c.byId.get('3a')!;
    expect(p).toMatchObject({
      statement: 'Something about k',
      credence: 0.8,
      stated: '2025-03-01',
      model: 'linked',
      note: 'an optional note',
    });
    expect(p.pYes).toBe('-(k - 1) ^ 2 + p_slack * pi / 4');
    expect(c.byId.get('1')!.note).toBe(null);
    expect(c.byId.get('5')!.loc.line).toBe(17); // line 1 'predictions:', 2–8 entry 1, 9–16 entry 3a (with note), 17 entry 5
  });

  it('accepts a number as an id', () => {
    const { project } = writeProject(undefined, null);
    const text =
      'predictions:\n  - id: 7\n    statement: s\n    credence: 0.5\n    stated: 2025-03-01\n    criteria: c\n    model: linked\n    p_yes: k\n';
    const r = loadCatalogText(text, 'predictions.yaml', project);
    expect(r.ok && r.value.predictions[0]!.id).toBe('7');
  });

  it('locates schema problems at the field, naming the prediction by its id', () => {
    const { project } = writeProject(undefined, null);
    const text = [
      'predictions:', //                       1
      '  - id: "1"', //                        2
      '    statement: ok', //                  3
      '    credence: 1.5', //                  4  value at column 15
      '    stated: 2025-03-01', //             5
      '    criteria: c', //                    6
      '    model: linked', //                  7
      '    p_yes: slack_wins', //              8
      '  - id: "2"', //                        9
      '    statement: ok', //                 10
      '    credence: 0.5', //                 11
      '    stated: 2025-02-30', //            12  value at column 13: no such day
      '    criteria: c', //                   13
      '    model: linked', //                 14
      '    p_yes: k', //                      15
      '    statment: typo', //                16  key at column 5
      '  - id: "4"', //                       17  the entry starts at column 5
      '    credence: 0.5', //                 18
      '    stated: 2025-03-01', //            19
      '    criteria: c', //                   20
      '    model: linked', //                 21
      '    p_yes: k', //                      22
      '',
    ].join('\n');
    const r = loadCatalogText(text, 'models/predictions.yaml', project);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.every((e) => e.file === 'models/predictions.yaml')).toBe(true);
    expect(at(r.errors).sort()).toEqual(
      [
        "4:15: prediction '1': the credence must be a probability strictly between 0 and 1, e.g. 0.75",
        "12:13: prediction '2': the date must be a real date written YYYY-MM-DD, e.g. 2025-03-01",
        "16:5: prediction '2': unknown field 'statment' (did you mean 'statement'?); the fields are id, statement, credence, stated, criteria, model, p_yes, yes_means, yes_means_because, note",
        "17:5: prediction '4': 'statement' is missing",
      ].sort(),
    );
  });

  it('locates link problems: unknown model, unknown names in p_yes, distributions, duplicates, unreadable expressions', () => {
    const { project } = writeProject(undefined, null);
    const entry = (id: string, model: string, pYes: string) => [
      `  - id: "${id}"`,
      '    statement: ok',
      '    credence: 0.5',
      '    stated: 2025-03-01',
      '    criteria: c',
      `    model: ${model}`,
      `    p_yes: ${pYes}`,
    ];
    const text = [
      'predictions:', //                                            1
      ...entry('1', 'linkd', 'k'), //                               2–8: model on line 7, column 12
      ...entry('2', 'linked', '"p_slack * kk"'), //                 9–15: kk on line 15 at column 13 + 10 = 23
      ...entry('3', 'top', 'a.slack_wins + a.nope + normal(0, 1)'), // 16–22: text from column 12; a.nope at 12 + 15 = 27
      ...entry('1', 'linked', 'k'), //                              23–29: id value on line 23, column 9
      ...entry('5', 'linked', '"k +"'), //                          30–36
      '',
    ].join('\n');
    const r = loadCatalogText(text, 'predictions.yaml', project);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const lines = at(r.errors);
    expect(lines).toContain(
      `7:12: prediction '1' links model 'linkd', but there is no such model in ${project.dir} (did you mean 'linked'?)`,
    );
    expect(lines).toContain(
      "15:23: p_yes of prediction '2': 'kk' is not a quantity of model 'linked' (did you mean 'k'?)",
    );
    expect(lines).toContain("22:27: p_yes of prediction '3': 'a.nope' is not a quantity of model 'top'");
    expect(lines).toContain(
      "22:12: p_yes of prediction '3' must be computed from the model's quantities, not draw a new distribution; define the distribution in model 'top'",
    );
    expect(lines).toContain("23:9: prediction '1' is listed twice; ids must be unique (the first is at line 2)");
    const five = r.errors.find((e) => e.line === 36)!;
    expect(five.message).toMatch(/^p_yes of prediction '5': cannot read the expression/);
    expect(r.errors).toHaveLength(6);
    expect(formatError(r.errors[0]!)).toMatch(/^predictions\.yaml:\d+:\d+: /);
  });

  it('reports a file that is not a list of predictions, and a missing file', () => {
    const { project, dir } = writeProject(undefined, null);
    const notMapping = loadCatalogText('- 1\n- 2\n', 'predictions.yaml', project);
    expect(!notMapping.ok && notMapping.errors[0]!.message).toMatch(/must be a mapping with a 'predictions:' list/);
    const missing = loadCatalog(project);
    expect(!missing.ok && missing.errors[0]!.message).toBe('there is no predictions file here');
    expect(checkCatalog(project)).toEqual([]);
    expect(join(dir, 'predictions.yaml')).toContain('models');
  });

  it('a YAML syntax error is located', () => {
    const { project } = writeProject(undefined, null);
    const r = loadCatalogText('predictions:\n  - id: "1\n', 'predictions.yaml', project);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]!.message).toMatch(/^YAML syntax/);
  });

  it('credence check sees the problems of the predictions file', () => {
    const { project } = writeProject(undefined, 'predictions:\n  - id: "1"\n');
    const errors = checkCatalog(project);
    expect(errors.length).toBeGreaterThan(0);
    expect(errors[0]!.line).toBe(2);
  });
});
