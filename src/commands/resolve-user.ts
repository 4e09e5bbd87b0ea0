import type { Db } from '../db/db.js';
import { findPeople, personName, rosterOf, type RosterEntry } from '../db/roster-store.js';
import { UsageError } from '../errors.js';
import type { CommandContext, Role } from './command-spec.js';

const MAX_CANDIDATES = 5;

function label(entry: RosterEntry): string {
  return `${entry.name}(${entry.userid})`;
}

async function lookalikes(ctx: CommandContext, wanted: string, role: Role | undefined): Promise<RosterEntry[]> {
  const lower = wanted.toLowerCase();
  return (await rosterOf(ctx.db, ctx.campId))
    .filter((entry) => !role || entry.roles.includes(role))
    .filter((entry) => entry.name.includes(wanted) || wanted.includes(entry.name) || entry.userid.toLowerCase().includes(lower))
    .slice(0, MAX_CANDIDATES);
}

/**
 * The camp member a word names (`zhangsan`, `@张三`). With `role`, only members with that role qualify. Unknown or
 * ambiguous names throw UsageError listing the candidates, so nothing changes.
 * @example (await resolveUser(ctx, '@张三', 'learner')).userid // 'zhangsan'
 */
export async function resolveUser(ctx: CommandContext, word: string, role?: Role): Promise<RosterEntry> {
  const wanted = word.trim().replace(/^[@＠]/u, '');
  const found = (await findPeople(ctx.db, ctx.campId, wanted)).filter((entry) => !role || entry.roles.includes(role));
  if (found.length === 1 && found[0]) return found[0];
  if (found.length > 1) {
    throw new UsageError(`「${wanted}」有 ${found.length} 人：${found.map(label).join('、')}，请改用 userid`);
  }
  const who = role === 'learner' ? '学员' : '成员';
  const similar = await lookalikes(ctx, wanted, role);
  const hint = similar.length > 0 ? `，你是不是指：${similar.map(label).join('、')}` : '';
  throw new UsageError(`本营${who}中没有「${wanted}」${hint}`);
}

/** True for a word that names a user (`@张三`, `＠张三`) rather than a value. */
export function isMention(word: string): boolean {
  return /^[@＠]\S/u.test(word);
}

/** The display name of a userid (the userid itself when unknown). */
export async function nameOf(ctx: { db: Db }, userid: string): Promise<string> {
  return (await personName(ctx.db, userid)) ?? userid;
}
