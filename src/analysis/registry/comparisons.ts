// Registry entries that compare views or value predictions: the crux between two views of a
// model, the value of information of the open predictions, and the credence each prediction's
// model implies.

import * as z from 'zod';
import { crux as cruxOf, CRUX_SAMPLES } from '../crux.ts';
import { valueOfInformationForProject } from '../value-of-information.ts';
import { impliedCredences, valuedIn, type ImpliedReport } from '../implied.ts';
import { overallModel } from '../overall.ts';
import type { Project } from '../../model/project.ts';
import { fields, parseEvidence, parseOverrides, runRequestSchema, type Limits } from '../request.ts';
import { defineAnalysis, evidenceOf } from './define.ts';
import { SAMPLES } from './samples.ts';

const view = (side: 'from' | 'to', description: string) =>
  z.string().min(1, `${side} must name a scenario or default`).meta({ description });

export const crux = defineAnalysis({
  about: 'the difference between two views of a model, attributed to inputs by Shapley values',
  request: (limits: Limits) =>
    runRequestSchema(limits, CRUX_SAMPLES)
      .omit({ scenario: true })
      .extend({
        samples: fields.samples(limits, CRUX_SAMPLES).removeDefault().optional().meta({
          description: 'Samples per coalition (default: 100,000, fewer when there are more than 32 coalitions).',
        }),
        from: view('from', "The first view: a scenario, or 'default' for the model as written.").default('default'),
        to: view(
          'to',
          "The second view: a scenario or 'default' (default: the first view when `set` is given, else the model's first scenario).",
        ).optional(),
        fromSet: fields.set.meta({ description: 'What-if overrides on the first view (`set` applies to the second).' }),
        permutations: fields.permutations.optional(),
      }),
  predictions: 'none',
  models: (req) => [req.model],
  run(project, req, outside) {
    const model = project.models.get(req.model);
    if (!model) return { ok: false, errors: [{ code: 'unknown-model', message: `there is no model '${req.model}'` }] };
    const overrides = parseOverrides(req.set);
    if (!overrides.ok) return overrides;
    const fromOverrides = parseOverrides(req.fromSet, '--from-set');
    if (!fromOverrides.ok) return fromOverrides;
    const to = req.to ?? (Object.keys(req.set).length > 0 ? req.from : (Object.keys(model.scenarios)[0] ?? 'default'));
    const scenarioOf = (s: string) => (s === 'default' ? null : s);
    return cruxOf(
      project,
      req.model,
      { scenario: scenarioOf(req.from), overrides: fromOverrides.value },
      { scenario: scenarioOf(to), overrides: overrides.value },
      {
        samples: req.samples,
        seed: req.seed,
        sampler: req.sampler,
        evidence: parseEvidence(req.evidence),
        permutations: req.permutations,
        extraEvidence: evidenceOf(outside, req.model),
      },
    );
  },
});

const predictionsRequest = (limits: Limits, samples: number) =>
  runRequestSchema(limits, samples).pick({ samples: true, seed: true, sampler: true });

export const voi = defineAnalysis({
  about: 'value of information: which open prediction is most worth resolving',
  request: (limits: Limits) =>
    predictionsRequest(limits, SAMPLES.voi.default!).extend({
      model: fields.model
        .optional()
        .meta({ description: "Value every prediction on this model's output (default: each on its linked model)." }),
    }),
  predictions: 'open',
  models: (req, predictions) => (req.model !== undefined ? [req.model] : [...new Set(predictions.map((p) => p.model))]),
  run(project, req, outside) {
    return valueOfInformationForProject(project, outside.predictions, {
      samples: req.samples,
      seed: req.seed,
      sampler: req.sampler,
      model: req.model,
      extraEvidence: (id) => evidenceOf(outside, id),
    });
  },
});

/** The model an implied request reads predictions in: the one named, else the overall model. */
const impliedModel = (project: Project, req: { model?: string }): string | null => req.model ?? overallModel(project);

export const implied = defineAnalysis({
  about: "each prediction's credence beside the one the overall model implies",
  request: (limits: Limits) =>
    predictionsRequest(limits, SAMPLES.implied.default!)
      .omit({ sampler: true })
      .extend({
        model: fields.model.optional().meta({
          description:
            'Read every prediction inside this model, at the copy of its linked model (default: the model whose imports reach the most others; a prediction whose linked model it does not import is read in its linked model).',
        }),
      }),
  predictions: 'all',
  models: (req, predictions, project) => {
    const overall = impliedModel(project, req);
    return [...new Set(predictions.map((p) => valuedIn(project, overall, p.model)))];
  },
  run(project, req, outside) {
    if (req.model !== undefined && !project.models.has(req.model))
      return { ok: false, errors: [{ code: 'unknown-model', message: `there is no model '${req.model}'` }] };
    const model = impliedModel(project, req);
    const predictions = impliedCredences(project, outside.predictions, {
      samples: req.samples,
      seed: req.seed,
      model,
      evidence: (id) => evidenceOf(outside, id),
    });
    const value: ImpliedReport = { samples: req.samples, seed: req.seed, model, predictions };
    return { ok: true, value };
  },
});
