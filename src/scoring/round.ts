/**
 * Rounds half away from zero to 2 decimals, treating binary noise as the decimal the value was written as
 * (1.005 is stored as 1.00499…, a trainer means 1.005).
 * @example round2(82.125) // 82.13
 * @example round2(-82.125) // -82.13
 */
export function round2(x: number): number {
  if (!Number.isFinite(x)) return x;
  const scaled = Math.abs(x) * 100;
  const rounded = Math.round(scaled + scaled * 1e-12);
  if (rounded === 0) return 0;
  return (x < 0 ? -rounded : rounded) / 100;
}

/**
 * A score as users see it: rounded to 2 decimals, always two digits.
 * @example formatScore(82.125) // '82.13'
 */
export function formatScore(x: number): string {
  return round2(x).toFixed(2);
}
