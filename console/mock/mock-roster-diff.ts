import type { RosterFieldChange, RosterPerson, RosterPreview } from '../../src/console/api-types.js';

const FIELDS = ['name', 'department', 'team', 'joined'] as const;
const keyOf = (p: RosterPerson): string => `${p.userid}\u0000${p.role}`;

/** What upserting `after` into the roster `before` changes, person by person (a person is a userid in a role). */
export function rosterDiff(before: readonly RosterPerson[], after: readonly RosterPerson[]): RosterPreview {
  const old = new Map(before.map((p) => [keyOf(p), p]));
  const added: RosterPerson[] = [];
  const changed: RosterFieldChange[] = [];
  let unchanged = 0;
  for (const person of after) {
    const was = old.get(keyOf(person));
    if (!was) {
      added.push(person);
      continue;
    }
    const diffs = FIELDS.filter((f) => (was[f] ?? null) !== (person[f] ?? null));
    if (diffs.length === 0) unchanged += 1;
    for (const field of diffs) changed.push({ userid: person.userid, name: person.name, role: person.role, field, from: was[field] ?? null, to: person[field] ?? null });
  }
  return { rows: after.length, added, changed, unchanged };
}

/** The roster after upserting `after`: nobody is removed (SPEC §1 `roster import`). */
export function upsertRoster(before: readonly RosterPerson[], after: readonly RosterPerson[]): RosterPerson[] {
  const next = new Map(before.map((p) => [keyOf(p), p]));
  for (const person of after) next.set(keyOf(person), person);
  return [...next.values()];
}
