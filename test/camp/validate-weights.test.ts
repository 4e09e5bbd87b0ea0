import { describe, expect, it } from 'vitest';
import type { MetricName } from '../../src/camp/camp-config.js';
import { parseCampFile } from '../../src/camp/parse-camp-file.js';
import { validateWeights } from '../../src/camp/validate-weights.js';
import { ValidationError } from '../../src/errors.js';

const camp = parseCampFile('id: w\nname: 权重营\nstarts: 2026-11-02\nends: 2026-12-04\n');

function problemsOf(weights: Record<string, number>): string[] {
  try {
    validateWeights(weights as Partial<Record<MetricName, number>>, camp);
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return (error as ValidationError).problems;
  }
  throw new Error('expected the weights to be rejected');
}

describe('validateWeights', () => {
  it('changes the named weights and keeps the rest', () => {
    const updated = validateWeights({ exam: 40, project: 5 }, camp);
    expect(updated.metrics.exam.weight).toBe(40);
    expect(updated.metrics.project).toEqual({ weight: 5, target: 20 });
    expect(updated.metrics.completion.weight).toBe(20);
    expect(camp.metrics.exam.weight).toBe(30); // the base is untouched
  });

  it('rejects sums other than 100, out-of-range values and unknown metrics like the camp file does', () => {
    expect(problemsOf({ exam: 35 })).toEqual(['metrics: weights must sum to 100, got 105']);
    expect(problemsOf({ exam: 130 })).toEqual(['metrics.exam.weight: expected a number from 0 to 100']);
    expect(problemsOf({ karma: 5 })).toEqual([
      'metrics.karma: unknown metric (expected one of completion, attendance, exam, assignment, project, practice, participation)',
    ]);
  });
});
