/** How an import went: events new to the ledger, rows already recorded by an earlier import, rows not recorded by rule. */
export interface ImportResult {
  recorded: number;
  duplicates: number;
  /** Rows read but not recorded by rule (chat archive: not a learner, unbound room, rule not met). */
  skipped: number;
}

/** Reports an import's progress: rows checked in the first pass, then rows written. */
export type Progress = (stage: 'checked' | 'written', rows: number) => void;
