// Colours of the charts: the Okabe–Ito palette for marks, greys for ink, axes and grid, and
// for text in a series' colour a darker shade of the same hue that reads on white (WCAG AA).

/** Okabe–Ito, the colour-blind-safe categorical palette. */
export const OKABE_ITO = {
  orange: '#E69F00',
  skyBlue: '#56B4E9',
  green: '#009E73',
  yellow: '#F0E442',
  blue: '#0072B2',
  vermillion: '#D55E00',
  purple: '#CC79A7',
  black: '#000000',
} as const;

/** Series colours in order of use (yellow left out: too light on white for lines and text). */
export const CATEGORICAL: readonly string[] = [
  OKABE_ITO.blue,
  OKABE_ITO.vermillion,
  OKABE_ITO.green,
  OKABE_ITO.orange,
  OKABE_ITO.purple,
  OKABE_ITO.skyBlue,
  OKABE_ITO.black,
];

export const INK = '#1a1a1a';

export const MUTED = '#555555';

export const AXIS = '#6b6b6b';

export const GRID = '#e4e4e4';

export const BACKGROUND = '#ffffff';

/** Prior and posterior: sky blue fill, vermillion outline; markers in the darker blue. */
export const PRIOR = OKABE_ITO.skyBlue;

export const PRIOR_DARK = OKABE_ITO.blue;

export const POSTERIOR = OKABE_ITO.vermillion;
