/** Closed sessions and who checked in to which (SPEC §6 attendance). */
export class AttendanceTracker {
  private readonly closed = new Set<string>();
  private readonly checkins = new Map<string, Uint8Array>();

  constructor(private readonly size: number) {}

  get sessions(): number {
    return this.closed.size;
  }

  closeSession(name: string | null): void {
    if (name !== null) this.closed.add(name);
  }

  checkIn(learner: number, session: string | null): void {
    if (session === null) return;
    let present = this.checkins.get(session);
    if (!present) {
      present = new Uint8Array(this.size);
      this.checkins.set(session, present);
    }
    present[learner] = 1;
  }

  /** Closed sessions attended, per learner. */
  attended(): Int32Array {
    const counts = new Int32Array(this.size);
    for (const session of this.closed) {
      const present = this.checkins.get(session);
      if (!present) continue;
      for (let i = 0; i < this.size; i++) counts[i] = (counts[i] ?? 0) + (present[i] ?? 0);
    }
    return counts;
  }
}
