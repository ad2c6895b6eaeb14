import { afterEach, describe, expect, it } from 'vitest';
import { parseExpression, inlineSource, refsOf, showExpr, type Expr } from '../../src/model/expression.ts';
import { buildGraph } from '../../src/model/graph.ts';
import { qualifyExpr } from '../../src/predictions/expr-text.ts';
import { evidenceFor, importPrefixes, likelihoodText } from '../../src/predictions/evidence.ts';
import { loadCatalog, type Catalog } from '../../src/predictions/catalog.ts';
import type { Status } from '../../src/predictions/history.ts';
import { prepare } from '../../src/engine/run.ts';
import { summarize } from '../../src/stats/summary.ts';
import { cleanup, writeProject } from './helpers.ts';

afterEach(cleanup);

function parse(text: string): Expr {
  const r = parseExpression(text, inlineSource(text, 'test'));
  if (!r.ok) throw new Error(r.error.message);
  return r.value.expr;
}

/** The tree without source offsets, for comparing structure. */
function shape(e: Expr): unknown {
  return JSON.parse(JSON.stringify(e, (k, v) => (k === 'at' ? undefined : v)));
}

function catalogOf(project: ReturnType<typeof writeProject>['project']): Catalog {
  const r = loadCatalog(project);
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('; '));
  return r.value;
}

describe('expression text', () => {
  it.each([
    '(-x) ^ 2',
    '-x ^ 2',
    '2 ^ 3 ^ 2',
    'a - (b - c)',
    'a / (b * c)',
    'not a and b',
    'not (a and b)',
    'a ? b : c ? d : e',
    '(a ? b : c) + 1',
    'x mod 3 + 1',
    '1 - (p_slack * k)',
    'clamp(x, 0, 1) * min(a, b, 3)',
    '1e-7 * x + 2.5e21',
    'a.b.c + pi * e',
    'mixture(normal(0, 1), beta(2, 2), [0.3, 0.7])',
    'x < y <= z',
    'true or false xor 1',
  ])('%s prints to text that parses to the same tree', (text) => {
    const tree = parse(text);
    expect(shape(parse(showExpr(tree)))).toEqual(shape(tree));
  });

  it('qualifies every quantity name and leaves constants alone', () => {
    const q = qualifyExpr(parse('-(k - 1) ^ 2 + p_slack * pi / 4 + e'), 'a.b.');
    expect(
      refsOf(q)
        .map((r) => r.name)
        .sort(),
    ).toEqual(['a.b.k', 'a.b.p_slack', 'e', 'pi']);
    expect(
      refsOf(parse(showExpr(q)))
        .map((r) => r.name)
        .sort(),
    ).toEqual(['a.b.k', 'a.b.p_slack', 'e', 'pi']);
  });
});

describe('resolutions as evidence', () => {
  it('finds every import path to the linked model', () => {
    const { project } = writeProject();
    expect(importPrefixes(project, 'linked', 'linked')).toEqual(['']);
    expect(importPrefixes(project, 'top', 'linked')).toEqual(['a.']);
    expect(importPrefixes(project, 'both', 'linked')).toEqual(['m.l.', 'a.']);
    expect(importPrefixes(project, 'linked', 'top')).toEqual([]);
  });

  it('yes gives p_yes, no gives 1 - (p_yes), on the linked model and qualified on importing models', () => {
    const { project } = writeProject();
    const catalog = catalogOf(project);
    const statuses = new Map<string, Status>([
      ['1', 'yes'],
      ['3a', 'no'],
      ['5', 'ambiguous'],
    ]);
    const onLinked = evidenceFor(project, catalog, statuses, 'linked');
    expect(onLinked.map((e) => [e.name, e.likelihood])).toEqual([
      ['prediction_1', 'slack_wins'],
      ['prediction_3a', `1 - (${showExpr(parse('-(k - 1) ^ 2 + p_slack * pi / 4'))})`],
    ]);
    expect(onLinked[0]!.note).toBe('prediction 1 resolved yes: Slack wins');

    const onTop = evidenceFor(project, catalog, statuses, 'top');
    expect(onTop.map((e) => [e.name, e.likelihood])).toEqual([
      ['prediction_1', 'a.slack_wins'],
      ['prediction_3a', likelihoodText(catalog.byId.get('3a')!, 'no', 'a.')],
    ]);
    // The 'no' likelihood is 1 − (the qualified p_yes), structurally.
    expect(shape(parse(onTop[1]!.likelihood))).toEqual(
      shape({
        kind: 'op',
        op: 'subtract',
        args: [{ kind: 'num', value: 1, at: 0 }, qualifyExpr(parse('-(k - 1) ^ 2 + p_slack * pi / 4'), 'a.')],
        at: 0,
      }),
    );

    // Two copies of `linked` inside `both`: each gets the evidence, under its own name.
    const onBoth = evidenceFor(project, catalog, new Map([['1', 'no']]), 'both');
    expect(onBoth.map((e) => [e.name, e.likelihood])).toEqual([
      ['prediction_1@m.l', '1 - (m.l.slack_wins)'],
      ['prediction_1@a', '1 - (a.slack_wins)'],
    ]);
    // Open, ambiguous and annulled predictions add nothing; a model that does not import the linked one gets nothing.
    expect(
      evidenceFor(
        project,
        catalog,
        new Map([
          ['1', 'open'],
          ['3a', 'annulled'],
          ['5', 'ambiguous'],
        ]),
        'top',
      ),
    ).toEqual([]);
    expect(evidenceFor(project, catalog, new Map([['5', 'yes']]), 'mid')).toEqual([]);
    // Every likelihood names quantities the model really has.
    for (const [id, ev] of [
      ['linked', onLinked],
      ['top', onTop],
      ['both', onBoth],
    ] as const) {
      expect(buildGraph(project, id, [], [...ev]).ok).toBe(true);
    }
  });

  it('conditions the models in the engine: a yes moves p_slack from 0.5 to 0.6, a no to 0.44', () => {
    // p_slack ~ beta(2, 2), k ~ uniform(0.5, 1) independent; p_yes of prediction 1 = p_slack · k.
    // E[p] = 1/2, E[p²] = Var + E[p]² = (2·2)/((2+2)²·(2+2+1)) + 1/4 = 1/20 + 1/4 = 0.3, E[k] = 0.75.
    // Yes: E[p | yes] = E[p · p·k] / E[p·k] = E[p²]/E[p] = 0.3 / 0.5 = 0.6.
    // No:  E[p | no] = E[p (1 − p·k)] / E[1 − p·k] = (0.5 − 0.3·0.75) / (1 − 0.5·0.75) = 0.275 / 0.625 = 0.44.
    const { project } = writeProject();
    const catalog = catalogOf(project);
    const cases: [string, 'yes' | 'no', string, number][] = [
      ['linked', 'yes', 'p_slack', 0.6],
      ['linked', 'no', 'p_slack', 0.44],
      ['top', 'yes', 'a.p_slack', 0.6],
      ['both', 'no', 'm.l.p_slack', 0.44],
      ['both', 'no', 'a.p_slack', 0.44],
    ];
    for (const [model, outcome, quantity, expected] of cases) {
      const extraEvidence = evidenceFor(project, catalog, new Map([['1', outcome]]), model);
      const prepared = prepare(project, model, { extraEvidence });
      if (!prepared.ok) throw new Error(prepared.errors.map((e) => e.message).join('; '));
      const run = prepared.value.run({ samples: 200_000, seed: 7 });
      expect(run.weights).not.toBe(null);
      const s = summarize(run.columns[quantity]!, run.weights);
      // Five Monte Carlo standard errors of the weighted mean.
      expect(Math.abs(s.mean - expected)).toBeLessThan(5 * s.mcse);
      const prior = summarize(run.columns[quantity]!);
      expect(Math.abs(prior.mean - 0.5)).toBeLessThan(5 * prior.mcse);
    }
  });
});
