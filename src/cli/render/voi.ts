// The table of `credence voi`: the open predictions ranked by the expected shift of the output mean.

import { type VoiReport } from '../../analysis/value-of-information.ts';
import { defaultDisplay, showChange, showError, showLevel, type Display } from '../display.ts';
import { num, pct, table, compact } from '../format.ts';

export function renderVoi(r: VoiReport, forced: Display | undefined, resolved: number): string[] {
  const lines = [
    `value of information: ${r.rows.length} open prediction${r.rows.length === 1 ? '' : 's'}${resolved ? ` (${resolved} resolved, applied as evidence)` : ''}, ${compact(r.samples)} samples, seed ${r.seed}`,
    r.mode === 'model'
      ? `valued on ${r.models[0]?.model}'s output ${r.models[0]?.output}`
      : "each valued on its own linked model's output",
    '',
  ];
  if (r.rows.length === 0) lines.push('no open prediction to value');
  else {
    const rows = r.rows.map((x, i) => {
      const d = forced ?? defaultDisplay(x.outputScale);
      const shift =
        d === 'bits' && x.expectedShiftBits !== null
          ? `${num(x.expectedShiftBits, 3)} bits`
          : d === 'percent'
            ? `${num(x.expectedShift * 100, 3)} pp`
            : num(x.expectedShift);
      return [
        String(i + 1),
        x.id,
        r.mode === 'model' ? x.linkedModel : `${x.model}.${x.output}`,
        pct(x.pYes),
        showLevel(x.mean, d),
        `${showLevel(x.meanIfYes, d)} (${showChange(x.mean, x.meanIfYes, d)})`,
        `${showLevel(x.meanIfNo, d)} (${showChange(x.mean, x.meanIfNo, d)})`,
        shift,
        d === 'bits' ? '' : showError(x.shiftMcse, 0.5, d),
      ];
    });
    lines.push(
      ...table([
        [
          '#',
          'prediction',
          r.mode === 'model' ? 'linked model' : 'valued on',
          'P(yes)',
          'mean now',
          'if yes',
          'if no',
          'expected shift',
          'mcse',
        ],
        ...rows,
      ]),
    );
  }
  if (r.skipped.length) {
    lines.push('');
    for (const s of r.skipped) lines.push(`skipped ${s.id}: ${s.reason}`);
  }
  return lines;
}
