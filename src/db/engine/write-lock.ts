/**
 * A first-in, first-out lock for work that must not overlap: SQLite has one writer per connection, so this
 * process's write transactions take turns here while the event loop keeps serving everything else.
 */
export class WriteLock {
  private tail: Promise<unknown> = Promise.resolve();
  private holders = 0;

  /** True while some work holds the lock. */
  get held(): boolean {
    return this.holders > 0;
  }

  /** Runs `work` once every earlier caller's work has settled; its result or error is passed through. */
  run<T>(work: () => Promise<T>): Promise<T> {
    const turn = this.tail.then(async () => {
      this.holders += 1;
      try {
        return await work();
      } finally {
        this.holders -= 1;
      }
    });
    this.tail = turn.catch(() => undefined);
    return turn;
  }
}
