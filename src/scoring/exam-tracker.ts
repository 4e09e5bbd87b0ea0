import { LatestValues } from './latest-of.js';

/** Exam names with a score and each learner's latest score per exam (SPEC §6 exam). */
export class ExamTracker {
  private readonly exams = new Map<string, LatestValues>();

  constructor(private readonly size: number) {}

  get count(): number {
    return this.exams.size;
  }

  add(learner: number, exam: string | null, score: number | null, at: number, id: number): void {
    if (score === null || !Number.isFinite(score)) return;
    const name = exam ?? 'final';
    let latest = this.exams.get(name);
    if (!latest) {
      latest = new LatestValues(this.size);
      this.exams.set(name, latest);
    }
    latest.offer(learner, score, at, id);
  }

  /** Mean over all exams of the latest score, 0 for an exam not taken. */
  means(): Float64Array {
    const means = new Float64Array(this.size);
    if (this.exams.size === 0) return means;
    for (const latest of this.exams.values()) {
      for (let i = 0; i < this.size; i++) {
        const score = latest.value[i] ?? Number.NaN;
        if (!Number.isNaN(score)) means[i] = (means[i] ?? 0) + score;
      }
    }
    for (let i = 0; i < this.size; i++) means[i] = (means[i] ?? 0) / this.exams.size;
    return means;
  }
}
