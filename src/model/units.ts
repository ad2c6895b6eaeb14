// What a quantity's unit says about its values: the one rule for which units are probabilities
// or shares in [0, 1] (the loader's range check and every number shown in percent). A leaf
// module, so a page's script can read units without the expression parser.

/** Units whose values are probabilities or shares in [0, 1]. */
export function isProbabilityUnit(unit: string | null | undefined): boolean {
  if (!unit) return false;
  const u = unit.trim().toLowerCase();
  return (
    u === 'probability' ||
    u === 'share' ||
    u === 'fraction' ||
    u.startsWith('probability ') ||
    u.startsWith('probability,') ||
    u.startsWith('share ')
  );
}
