import type { RosterEntry, RosterRow } from '../db/roster-store.js';
import type { RosterFieldChange, RosterPreview } from './api-types.js';

const FIELDS = ['name', 'department', 'team', 'joined'] as const;

/**
 * What importing `rows` into a camp whose roster is `before` changes, as `importRoster` applies it: a person in a
 * role not yet held is added; for one already there, each field that changes (an empty department or hire date keeps
 * the old one; a learner's team is replaced). Nobody is removed.
 */
export function rosterDiff(before: readonly RosterEntry[], rows: readonly RosterRow[]): RosterPreview {
  const people = new Map(before.map((entry) => [entry.userid, entry]));
  const preview: RosterPreview = { rows: rows.length, added: [], changed: [], unchanged: 0 };
  for (const row of rows) {
    const was = people.get(row.userid);
    if (!was?.roles.includes(row.role)) {
      preview.added.push({ ...row, team: row.role === 'learner' ? row.team : null });
      continue;
    }
    const after = {
      name: row.name,
      department: row.department ?? was.department,
      team: row.role === 'learner' ? row.team : was.team,
      joined: row.joined ?? was.joined,
    };
    const changes: RosterFieldChange[] = FIELDS.filter((field) => (was[field] ?? null) !== (after[field] ?? null))
      .map((field) => ({ userid: row.userid, name: row.name, role: row.role, field, from: was[field] ?? null, to: after[field] ?? null }));
    if (changes.length === 0) preview.unchanged += 1;
    preview.changed.push(...changes);
  }
  return preview;
}
