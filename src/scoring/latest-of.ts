/** True when (at, id) is later than (currentAt, currentId): by time, then by recording order. */
export function isLater(at: number, id: number, currentAt: number, currentId: number): boolean {
  return at > currentAt || (at === currentAt && id > currentId);
}

/** Per-learner latest value in typed arrays; `value` is NaN where there is none. */
export class LatestValues {
  readonly value: Float64Array;
  private readonly at: Float64Array;
  private readonly id: Float64Array;

  constructor(size: number) {
    this.value = new Float64Array(size).fill(Number.NaN);
    this.at = new Float64Array(size);
    this.id = new Float64Array(size);
  }

  offer(learner: number, value: number, at: number, id: number): void {
    const current = this.value[learner] ?? Number.NaN;
    if (!Number.isNaN(current) && !isLater(at, id, this.at[learner] ?? 0, this.id[learner] ?? 0)) return;
    this.value[learner] = value;
    this.at[learner] = at;
    this.id[learner] = id;
  }
}
