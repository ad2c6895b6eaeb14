// The table of `credence run`: every quantity's summaries, prior and, with evidence, posterior.

import type { RunReport } from '../../analysis/report.ts';
import { compact, num, samplerName, table } from '../format.ts';

export function renderRun(report: RunReport, title: string): string[] {
  const lines = [
    `${title} (${report.model})${report.scenario ? `, scenario ${report.scenario}` : ''}`,
    `${compact(report.samples)} samples, seed ${report.seed}, ${samplerName(report.sampler)}`,
    '',
  ];
  const post = report.posterior;
  const head = [
    'node',
    'mean',
    'sd',
    'p5',
    'p50',
    'p95',
    'mcse',
    ...(post ? ['post mean', 'post p5', 'post p95'] : []),
  ];
  const rows = Object.entries(report.nodes).map(([name, s]) => {
    const p = post?.[name];
    return [
      name === report.output ? `${name} (output)` : name,
      num(s.mean),
      num(s.sd),
      num(s.p5),
      num(s.p50),
      num(s.p95),
      num(s.mcse, 2),
      ...(p ? [num(p.mean), num(p.p5), num(p.p95)] : []),
    ];
  });
  lines.push(...table([head, ...rows]));
  if (report.ess !== null)
    lines.push(
      '',
      `evidence applied: ${report.evidence.join(', ')}; effective sample size ${compact(report.ess)} of ${compact(report.samples)}`,
    );
  return lines;
}
