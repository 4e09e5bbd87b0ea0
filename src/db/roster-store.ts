import type Sqlite from 'better-sqlite3';
import { bulkRows, bulkSelect } from './bulk-select.js';
import { prepared } from './prepared.js';

export type Role = 'learner' | 'trainer' | 'manager' | 'admin';

export const ROLES: readonly Role[] = ['learner', 'trainer', 'manager', 'admin'];

/** One roster line (SPEC §1 `roster import`). */
export interface RosterRow {
  userid: string;
  name: string;
  department: string | null;
  team: string | null;
  role: Role;
  /** Hire date `YYYY-MM-DD`, when known. */
  joined: string | null;
}

/** What scoring needs of an enrolled learner. */
export interface Learner {
  userid: string;
  name: string;
  team: string | null;
  department: string | null;
}

/** Everyone in a camp with all their roles. */
export interface RosterEntry extends Learner {
  roles: Role[];
  joined: string | null;
}

export interface RosterImportResult {
  peopleAdded: number;
  peopleUpdated: number;
  membersAdded: number;
  membersUpdated: number;
}

/**
 * Upserts people and their camp roles (a learner's team is updated); nobody is removed. Runs in one transaction.
 * @example importRoster(sqlite, 'ai-2026q4', [{ userid: 'u1', name: '张三', department: '研发', team: 'A', role: 'learner', joined: null }])
 */
export function importRoster(sqlite: Sqlite.Database, campId: string, rows: RosterRow[]): RosterImportResult {
  const person = sqlite.prepare<[string], { name: string; department: string | null; joined: string | null }>(
    'SELECT name, department, joined FROM people WHERE userid = ?',
  );
  const upsertPerson = sqlite.prepare(
    `INSERT INTO people (userid, name, department, joined) VALUES (@userid, @name, @department, @joined)
     ON CONFLICT (userid) DO UPDATE SET name = excluded.name,
       department = coalesce(excluded.department, department), joined = coalesce(excluded.joined, joined)`,
  );
  const member = sqlite.prepare<[string, string, string], { team: string | null }>(
    'SELECT team FROM members WHERE camp_id = ? AND userid = ? AND role = ?',
  );
  const upsertMember = sqlite.prepare(
    `INSERT INTO members (camp_id, userid, role, team) VALUES (?, ?, ?, ?)
     ON CONFLICT (camp_id, userid, role) DO UPDATE SET team = excluded.team`,
  );
  const result: RosterImportResult = { peopleAdded: 0, peopleUpdated: 0, membersAdded: 0, membersUpdated: 0 };
  sqlite.transaction(() => {
    for (const row of rows) {
      const before = person.get(row.userid);
      if (!before) result.peopleAdded += 1;
      else if (before.name !== row.name || (row.department ?? before.department) !== before.department
        || (row.joined ?? before.joined) !== before.joined) result.peopleUpdated += 1;
      upsertPerson.run(row);
      const team = row.role === 'learner' ? row.team : null;
      const was = member.get(campId, row.userid, row.role);
      if (!was) result.membersAdded += 1;
      else if (was.team !== team) result.membersUpdated += 1;
      upsertMember.run(campId, row.userid, row.role, team);
    }
  }).immediate();
  return result;
}

/** The camp's enrolled learners, by userid. */
export function learnersOf(sqlite: Sqlite.Database, campId: string): Learner[] {
  const learners: Learner[] = [];
  // One row of JSON arrays (only ever read raw): a 100,000-learner roster loads in about half the time.
  const result = prepared<[string], unknown[]>(sqlite, LEARNERS_SQL).raw(true).all(campId);
  bulkRows(result)((row) => {
    learners.push({ userid: row[0] as string, name: row[1] as string, team: row[2] as string | null, department: row[3] as string | null });
  });
  return learners;
}

const LEARNERS_SQL = bulkSelect(
  `SELECT m.userid, p.name, m.team, p.department FROM members m JOIN people p ON p.userid = m.userid
   WHERE m.camp_id = ? AND m.role = 'learner' ORDER BY m.userid`,
  ['userid', 'name', 'team', 'department'],
);

/** Everyone in the camp (any role) with their name, roles, team, department and hire date, by userid. */
export function rosterOf(sqlite: Sqlite.Database, campId: string): RosterEntry[] {
  const rows = prepared<[string], { userid: string; name: string; department: string | null; joined: string | null; role: Role; team: string | null }>(
    sqlite,
    `SELECT m.userid, p.name, p.department, p.joined, m.role, m.team FROM members m JOIN people p ON p.userid = m.userid
     WHERE m.camp_id = ? ORDER BY m.userid`,
  ).all(campId);
  const byUser = new Map<string, RosterEntry>();
  for (const row of rows) {
    let entry = byUser.get(row.userid);
    if (!entry) {
      entry = { userid: row.userid, name: row.name, team: null, department: row.department, joined: row.joined, roles: [] };
      byUser.set(row.userid, entry);
    }
    entry.roles.push(row.role);
    if (row.role === 'learner') entry.team = row.team;
  }
  for (const entry of byUser.values()) entry.roles.sort((a, b) => ROLES.indexOf(a) - ROLES.indexOf(b));
  return [...byUser.values()];
}

/** The user's roles in a camp (empty when not a member). */
export function rolesOf(sqlite: Sqlite.Database, campId: string, userid: string): Role[] {
  const rows = prepared<[string, string], { role: Role }>(
    sqlite,
    'SELECT role FROM members WHERE camp_id = ? AND userid = ?',
  ).all(campId, userid);
  return rows.map((r) => r.role).sort((a, b) => ROLES.indexOf(a) - ROLES.indexOf(b));
}

/** The camps a user belongs to, with their roles there. */
export function campsOfUser(sqlite: Sqlite.Database, userid: string): { campId: string; roles: Role[] }[] {
  const rows = prepared<[string], { campId: string; role: Role }>(
    sqlite,
    'SELECT camp_id AS campId, role FROM members WHERE userid = ? ORDER BY camp_id',
  ).all(userid);
  const byCamp = new Map<string, Role[]>();
  for (const row of rows) byCamp.set(row.campId, [...(byCamp.get(row.campId) ?? []), row.role]);
  return [...byCamp].map(([campId, roles]) => ({ campId, roles: roles.sort((a, b) => ROLES.indexOf(a) - ROLES.indexOf(b)) }));
}

/**
 * Camp members named by userid or display name (a leading `@`/`＠` is ignored). An exact userid wins; otherwise every
 * member with that display name, so the caller can list candidates when there are several.
 * @example findPeople(sqlite, 'ai-2026q4', '@张三') // [{ userid: 'zhangsan', name: '张三', … }]
 */
export function findPeople(sqlite: Sqlite.Database, campId: string, nameOrId: string): RosterEntry[] {
  const wanted = nameOrId.trim().replace(/^[@＠]/u, '');
  if (!wanted) return [];
  const roster = rosterOf(sqlite, campId);
  const byId = roster.filter((entry) => entry.userid === wanted);
  return byId.length > 0 ? byId : roster.filter((entry) => entry.name === wanted);
}
