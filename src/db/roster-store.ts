import { executorOf, transaction, type Db } from './db.js';
import { readBulk } from './bulk-select.js';

export type Role = 'learner' | 'trainer' | 'manager' | 'admin';

export const ROLES: readonly Role[] = ['learner', 'trainer', 'manager', 'admin'];

/** Each role in Chinese, as people are told it. */
export const ROLE_LABELS: Readonly<Record<Role, string>> = { learner: '学员', trainer: '培训老师', manager: '部门负责人', admin: '行政' };

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
 * Upserts people and their camp roles (a learner's team is updated); nobody is removed. Runs in one transaction, which
 * also moves the camp's `updated_at` on, so cached standings know the roster changed.
 * @example await importRoster(store, 'ai-2026q4', [{ userid: 'u1', name: '张三', department: '研发', team: 'A', role: 'learner', joined: null }])
 */
export function importRoster(db: Db, campId: string, rows: RosterRow[]): Promise<RosterImportResult> {
  return transaction(db, async (tx) => {
    const ex = executorOf(tx);
    const result: RosterImportResult = { peopleAdded: 0, peopleUpdated: 0, membersAdded: 0, membersUpdated: 0 };
    for (const row of rows) {
      const before = await ex.get<{ name: string; department: string | null; joined: string | null }>(
        'SELECT name, department, joined FROM people WHERE userid = ?', [row.userid],
      );
      if (!before) result.peopleAdded += 1;
      else if (before.name !== row.name || (row.department ?? before.department) !== before.department
        || (row.joined ?? before.joined) !== before.joined) result.peopleUpdated += 1;
      await ex.run(
        `INSERT INTO people (userid, name, department, joined) VALUES (@userid, @name, @department, @joined)
         ON CONFLICT (userid) DO UPDATE SET name = excluded.name,
           department = coalesce(excluded.department, people.department), joined = coalesce(excluded.joined, people.joined)`,
        { userid: row.userid, name: row.name, department: row.department, joined: row.joined },
      );
      const team = row.role === 'learner' ? row.team : null;
      const was = await ex.get<{ team: string | null }>(
        'SELECT team FROM members WHERE camp_id = ? AND userid = ? AND role = ?', [campId, row.userid, row.role],
      );
      if (!was) result.membersAdded += 1;
      else if (was.team !== team) result.membersUpdated += 1;
      await ex.run(
        `INSERT INTO members (camp_id, userid, role, team) VALUES (?, ?, ?, ?)
         ON CONFLICT (camp_id, userid, role) DO UPDATE SET team = excluded.team`,
        [campId, row.userid, row.role, team],
      );
    }
    await ex.run('UPDATE camps SET updated_at = updated_at + 1 WHERE id = ?', [campId]);
    return result;
  });
}

const LEARNERS = `SELECT m.userid, p.name, m.team, p.department FROM members m JOIN people p ON p.userid = m.userid
  WHERE m.camp_id = ? AND m.role = 'learner' ORDER BY m.userid`;

/** The camp's enrolled learners, by userid. */
export async function learnersOf(db: Db, campId: string): Promise<Learner[]> {
  const learners: Learner[] = [];
  const rows = await readBulk(executorOf(db), LEARNERS, ['userid', 'name', 'team', 'department'], [campId]);
  rows((row) => {
    learners.push({ userid: row[0] as string, name: row[1] as string, team: row[2] as string | null, department: row[3] as string | null });
  });
  return learners;
}

/** How many learners the camp enrolls. */
export async function learnerCount(db: Db, campId: string): Promise<number> {
  const row = await executorOf(db).get<{ n: number }>(`SELECT count(*) AS "n" FROM members WHERE camp_id = ? AND role = 'learner'`, [campId]);
  return row?.n ?? 0;
}

const byRole = (a: Role, b: Role): number => ROLES.indexOf(a) - ROLES.indexOf(b);

/** Everyone in the camp (any role) with their name, roles, team, department and hire date, by userid. */
export async function rosterOf(db: Db, campId: string): Promise<RosterEntry[]> {
  const rows = await executorOf(db).all<{ userid: string; name: string; department: string | null; joined: string | null; role: Role; team: string | null }>(
    `SELECT m.userid, p.name, p.department, p.joined, m.role, m.team FROM members m JOIN people p ON p.userid = m.userid
     WHERE m.camp_id = ? ORDER BY m.userid`,
    [campId],
  );
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
  for (const entry of byUser.values()) entry.roles.sort(byRole);
  return [...byUser.values()];
}

/** The userids of the camp's trainers (from the camp file or the roster), sorted. */
export async function trainersOf(db: Db, campId: string): Promise<string[]> {
  const rows = await executorOf(db).all<{ userid: string }>(`SELECT userid FROM members WHERE camp_id = ? AND role = 'trainer' ORDER BY userid`, [campId]);
  return rows.map((row) => row.userid);
}

/** The user's roles in a camp (empty when not a member). */
export async function rolesOf(db: Db, campId: string, userid: string): Promise<Role[]> {
  const rows = await executorOf(db).all<{ role: Role }>('SELECT role FROM members WHERE camp_id = ? AND userid = ?', [campId, userid]);
  return rows.map((r) => r.role).sort(byRole);
}

/** The camps a user belongs to, with their roles there. */
export async function campsOfUser(db: Db, userid: string): Promise<{ campId: string; roles: Role[] }[]> {
  const rows = await executorOf(db).all<{ campId: string; role: Role }>(
    'SELECT camp_id AS "campId", role FROM members WHERE userid = ? ORDER BY camp_id', [userid],
  );
  const byCamp = new Map<string, Role[]>();
  for (const row of rows) byCamp.set(row.campId, [...(byCamp.get(row.campId) ?? []), row.role]);
  return [...byCamp].map(([campId, roles]) => ({ campId, roles: roles.sort(byRole) }));
}

/** A person's display name, or null when camp-bot does not know them. */
export async function personName(db: Db, userid: string): Promise<string | null> {
  const row = await executorOf(db).get<{ name: string }>('SELECT name FROM people WHERE userid = ?', [userid]);
  return row?.name ?? null;
}

/**
 * Camp members named by userid or display name (a leading `@`/`＠` is ignored). An exact userid wins; otherwise every
 * member with that display name, so the caller can list candidates when there are several.
 * @example await findPeople(store, 'ai-2026q4', '@张三') // [{ userid: 'zhangsan', name: '张三', … }]
 */
export async function findPeople(db: Db, campId: string, nameOrId: string): Promise<RosterEntry[]> {
  const wanted = nameOrId.trim().replace(/^[@＠]/u, '');
  if (!wanted) return [];
  const roster = await rosterOf(db, campId);
  const byId = roster.filter((entry) => entry.userid === wanted);
  return byId.length > 0 ? byId : roster.filter((entry) => entry.name === wanted);
}
