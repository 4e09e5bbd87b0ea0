import type { CommitSeal, Executor } from './executor.js';

/** What one level of a transaction (the transaction itself, or a savepoint in it) registered. */
interface Level {
  after: (() => void)[];
  seals: Map<CommitSeal<unknown>, unknown[]>;
}

const level = (): Level => ({ after: [], seals: new Map() });

/**
 * The work a transaction keeps for its end, by savepoint level: a savepoint that is released hands its level to the
 * one around it, one that rolls back drops it. Both engines' transactions keep one of these.
 */
export class TransactionHooks {
  private readonly levels: Level[] = [level()];

  enterSavepoint(): void {
    this.levels.push(level());
  }

  releaseSavepoint(): void {
    const released = this.levels.pop()!;
    const around = this.levels.at(-1)!;
    around.after.push(...released.after);
    for (const [seal, items] of released.seals) {
      const kept = around.seals.get(seal);
      if (kept) kept.push(...items);
      else around.seals.set(seal, items);
    }
  }

  rollbackSavepoint(): void {
    this.levels.pop();
  }

  afterCommit(work: () => void): void {
    this.levels.at(-1)!.after.push(work);
  }

  beforeCommit<T>(seal: CommitSeal<T>, item: T): void {
    const seals = this.levels.at(-1)!.seals as Map<CommitSeal<T>, T[]>;
    const items = seals.get(seal);
    if (items) items.push(item);
    else seals.set(seal, [item]);
  }

  pendingFor<T>(seal: CommitSeal<T>): T[] {
    return this.levels.flatMap((l) => (l.seals.get(seal as CommitSeal<unknown>) as T[] | undefined) ?? []);
  }

  /** Runs every seal once with its items; call on the outermost transaction, just before COMMIT. */
  async seal(tx: Executor): Promise<void> {
    for (const [seal, items] of this.levels[0]!.seals) await seal(tx, items);
  }

  /** Runs the post-commit work; call once COMMIT succeeded. */
  committed(): void {
    for (const work of this.levels.flatMap((l) => l.after)) work();
  }
}
