import type { Db } from '../db/db.js';
import { liveEvents, type LedgerRow } from '../db/ledger-queries.js';
import { isoOf } from '../report/iso-of.js';
import type { SessionView } from './api-types.js';

/** A session with who checked in (userid → when). */
export interface SessionRecord {
  view: SessionView;
  checkins: Map<string, number>;
}

/**
 * The camp's attendance sessions from the live ledger: every session opened (`/session open`) or closed (imports
 * may close one that was never opened), the open one first, then newest first.
 */
export async function loadSessions(db: Db, campId: string): Promise<SessionRecord[]> {
  const opened = await liveEvents(db, campId, 'session_open');
  const closed = await liveEvents(db, campId, 'session');
  const checkins = await liveEvents(db, campId, 'checkin');
  const names = [...new Set([...opened, ...closed].map((e) => e.ref ?? ''))].filter(Boolean);
  const records = names.map((name) => {
    const open = opened.find((e) => e.ref === name);
    const close = closed.find((e) => e.ref === name);
    const present = new Map<string, number>();
    for (const c of checkins) if (c.ref === name && c.userid && !present.has(c.userid)) present.set(c.userid, c.happenedAt);
    const openedAt = (open ?? close as LedgerRow).happenedAt;
    return { view: { name, openedAt: isoOf(openedAt), closedAt: close ? isoOf(close.happenedAt) : null, attended: present.size }, checkins: present, openedAt };
  });
  records.sort((a, b) => Number(a.view.closedAt !== null) - Number(b.view.closedAt !== null) || b.openedAt - a.openedAt);
  return records.map(({ view, checkins: present }) => ({ view, checkins: present }));
}
