/** A value axis: its ends and the tick values between them (inclusive), evenly `step` apart. */
export interface NiceScale {
  min: number;
  max: number;
  step: number;
  ticks: number[];
}

/**
 * A round-numbered axis covering `low`..`high` with about `target` intervals (steps of 1, 2, 2.5 or 5 × 10^n).
 * @example niceScale(0, 87.3) // → { min: 0, max: 100, step: 20, ticks: [0, 20, 40, 60, 80, 100] }
 */
export function niceScale(low: number, high: number, target = 5): NiceScale {
  const span = high > low ? high - low : Math.max(Math.abs(high), 1);
  const rough = span / target;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const step = ([1, 2, 2.5, 5, 10].find((m) => m * magnitude >= rough) ?? 10) * magnitude;
  const min = Math.floor(low / step) * step;
  const max = Math.max(Math.ceil(high / step) * step, min + step);
  const ticks: number[] = [];
  for (let i = 0; min + i * step <= max + step / 1e6; i++) ticks.push(round(min + i * step));
  return { min: round(min), max: round(max), step, ticks };
}

/** Tick text: whole numbers plain, anything else with 2 decimals. */
export function formatTick(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(2);
}

function round(value: number): number {
  return Math.round(value * 1e9) / 1e9;
}
