import { zonedTimeToUtcMs } from '../camp/time-zone.js';

export type Tenure = 'new' | 'veteran' | 'unknown';

export const TENURE_LABELS: Record<Tenure, string> = {
  new: '新员工（入职一年内）',
  veteran: '老员工',
  unknown: '入职日期未知',
};

const YEAR_MS = 365 * 24 * 60 * 60 * 1000;

/**
 * `new` when hired within 365 days before the camp's start (or after it), `veteran` when earlier, `unknown` when the
 * roster has no usable hire date. Both dates are read as midnight in the camp zone.
 * @example tenureOf('2026-03-01', '2026-11-02', 'Asia/Shanghai') // 'new'
 */
export function tenureOf(joined: string | null | undefined, campStarts: string, timeZone: string): Tenure {
  return tenureClassifier(campStarts, timeZone)(joined);
}

/** `tenureOf` for many learners: the camp's start is parsed once and each distinct hire date once. */
export function tenureClassifier(campStarts: string, timeZone: string): (joined: string | null | undefined) => Tenure {
  const starts = zonedTimeToUtcMs(campStarts, timeZone);
  const seen = new Map<string, Tenure>();
  return (joined) => {
    if (!joined || Number.isNaN(starts)) return 'unknown';
    let tenure = seen.get(joined);
    if (!tenure) {
      const hired = zonedTimeToUtcMs(joined.trim(), timeZone);
      tenure = Number.isNaN(hired) ? 'unknown' : hired >= starts - YEAR_MS ? 'new' : 'veteran';
      seen.set(joined, tenure);
    }
    return tenure;
  };
}
