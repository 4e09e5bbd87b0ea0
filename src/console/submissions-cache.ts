import { campVersion, linkHashAt, type CampVersion } from '../db/camp-ledger-feed.js';
import type { Db } from '../db/db.js';
import { loadRevoked } from '../db/load-facts.js';
import { rosterOf } from '../db/roster-store.js';
import { submissionEventsAfter } from '../db/submission-events.js';
import { SubmissionIndex } from './submission-index.js';

export interface SubmissionsCache {
  /** The camp's assignment work as it stands now. */
  get(db: Db, campId: string, now: number): Promise<SubmissionIndex>;
}

interface Entry {
  version: CampVersion;
  index: SubmissionIndex;
}

/**
 * Submission indexes per camp, kept like the standings cache: new submissions, grades and reviews are added to the
 * kept index; a revocation, a roster change or a rolled-back read rebuilds it from the ledger. Adding an event twice
 * changes nothing, so calls running at once may advance the same index.
 */
export function createSubmissionsCache(maxCamps = 8): SubmissionsCache {
  const entries = new Map<string, Entry>();
  return {
    async get(db, campId, now) {
      const version = await campVersion(db, campId);
      const kept = entries.get(campId);
      const entry = (kept && (await advanced(db, campId, kept, version))) ?? (await fullEntry(db, campId, version, now));
      entries.delete(campId);
      entries.set(campId, entry);
      if (entries.size > maxCamps) entries.delete(entries.keys().next().value!);
      return entry.index;
    },
  };
}

async function fullEntry(db: Db, campId: string, version: CampVersion, now: number): Promise<Entry> {
  const revoked = await loadRevoked(db, campId, now);
  const index = new SubmissionIndex(new Map((await rosterOf(db, campId)).map((p) => [p.userid, p.name])));
  for (const event of await submissionEventsAfter(db, campId, { afterSeq: 0, upToSeq: version.lastSeq })) if (!revoked.has(event.id)) index.add(event);
  return { version, index };
}

/** The kept index brought up to `version`, or null when it must be rebuilt. */
async function advanced(db: Db, campId: string, entry: Entry, version: CampVersion): Promise<Entry | null> {
  const was = entry.version;
  if (was.updatedAt !== version.updatedAt || was.lastSeq > version.lastSeq) return null;
  if (was.lastSeq === version.lastSeq) return was.lastHash === version.lastHash ? entry : null;
  if (was.lastSeq > 0 && (await linkHashAt(db, was.lastSeq)) !== was.lastHash) return null;
  const added = await submissionEventsAfter(db, campId, { afterSeq: was.lastSeq, upToSeq: version.lastSeq });
  if (added.some((event) => event.type === 'revoke')) return null;
  for (const event of added) entry.index.add(event);
  return { version, index: entry.index };
}
