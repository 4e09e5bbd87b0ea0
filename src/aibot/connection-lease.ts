/**
 * The right to hold the AI bot's long connection: with several instances, exactly one holds it (SPEC §13). The store
 * implements it as a lease that lapses unless renewed, so a dead holder's lease passes to another instance.
 * `acquire` and `renew` answer whether this instance holds it now; `renew` runs more often than the lease lasts.
 */
export interface ConnectionLease {
  acquire(): Promise<boolean>;
  renew(): Promise<boolean>;
  release(): Promise<void>;
}
