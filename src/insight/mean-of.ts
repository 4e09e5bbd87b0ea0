import { median } from '../scoring/median.js';
import { round2 } from '../scoring/round.js';

/** Mean rounded to 2 decimals; 0 for no values. */
export function meanOf(values: readonly number[]): number {
  if (values.length === 0) return 0;
  return round2(values.reduce((sum, v) => sum + v, 0) / values.length);
}

/** Median rounded to 2 decimals; 0 for no values. */
export function medianOf(values: readonly number[]): number {
  return values.length === 0 ? 0 : round2(median(values));
}
