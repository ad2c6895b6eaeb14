// Squiggle's named-parameter forms of its distributions (normal({p5, p95}), normal({mean, stdev})
// and their kin, fr/dist.ts in @quri/squiggle-lang 0.10) as Credence expressions with positional
// parameters, by the formulas Squiggle itself uses: an interval is Normal/Lognormal
// .fromCredibleInterval (z of the interval's two-sided mass, written as quantile(normal(0, 1), …)
// so a reader sees where it comes from), Lognormal.fromMeanAndStdev and Beta.fromMeanAndStdev.

export type Form = (p: Map<string, string>) => string;

/** z of a two-sided interval holding `mass` (Squiggle's fr/distUtil.ts CI_CONFIG) in Credence's words. */
const zOf = (mass: string) => `quantile(normal(0, 1), ${mass})`;

/** normal({pL, pH}) on the natural scale or the log scale: Squiggle's fromCredibleInterval. */
const interval =
  (lo: string, hi: string, mass: string, log: boolean): Form =>
  (p) => {
    const [l, h] = [p.get(lo)!, p.get(hi)!].map((x) => (log ? `log(${x})` : x));
    return `${log ? 'lognormal' : 'normal'}((${l} + ${h}) / 2, (${h} - ${l}) / (2 * ${zOf(mass)}))`;
  };

const intervals = (log: boolean): Record<string, Form> => ({
  'p5,p95': interval('p5', 'p95', '0.95', log),
  'p10,p90': interval('p10', 'p90', '0.9', log),
  'p25,p75': interval('p25', 'p75', '0.75', log),
});

/**
 * Squiggle's named-parameter forms (fr/dist.ts in @quri/squiggle-lang 0.10), keyed by their
 * sorted names: the same distribution written with Credence's positional parameters, by the
 * formulas Squiggle uses (Lognormal.fromMeanAndStdev, Beta.fromMeanAndStdev).
 */
export const NAMED: Record<string, Record<string, Form>> = {
  normal: { 'mean,stdev': (p) => `normal(${p.get('mean')}, ${p.get('stdev')})`, ...intervals(false) },
  lognormal: {
    'mean,stdev': (p) => {
      const [m, s] = [p.get('mean')!, p.get('stdev')!];
      return `lognormal(2 * log(${m}) - log(${s}^2 + ${m}^2) / 2, sqrt(log(${s}^2 / ${m}^2 + 1)))`;
    },
    ...intervals(true),
  },
  beta: {
    'mean,stdev': (p) => {
      const [m, s] = [p.get('mean')!, p.get('stdev')!];
      const size = `(${m} * (1 - ${m}) / ${s}^2 - 1)`;
      return `beta(${m} * ${size}, (1 - ${m}) * ${size})`;
    },
  },
};
