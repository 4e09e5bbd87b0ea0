import { prepared } from '../db/prepared.js';
import { findPeople, rosterOf, type RosterEntry } from '../db/roster-store.js';
import { UsageError } from '../errors.js';
import type { CommandContext, Role } from './command-spec.js';

const MAX_CANDIDATES = 5;

function label(entry: RosterEntry): string {
  return `${entry.name}(${entry.userid})`;
}

function lookalikes(ctx: CommandContext, wanted: string, role: Role | undefined): RosterEntry[] {
  const lower = wanted.toLowerCase();
  return rosterOf(ctx.sqlite, ctx.campId)
    .filter((entry) => !role || entry.roles.includes(role))
    .filter((entry) => entry.name.includes(wanted) || wanted.includes(entry.name) || entry.userid.toLowerCase().includes(lower))
    .slice(0, MAX_CANDIDATES);
}

/**
 * The camp member a word names (`zhangsan`, `@张三`). With `role`, only members with that role qualify. Unknown or
 * ambiguous names throw UsageError listing the candidates, so nothing changes.
 * @example resolveUser(ctx, '@张三', 'learner').userid // 'zhangsan'
 */
export function resolveUser(ctx: CommandContext, word: string, role?: Role): RosterEntry {
  const wanted = word.trim().replace(/^[@＠]/u, '');
  const found = findPeople(ctx.sqlite, ctx.campId, wanted).filter((entry) => !role || entry.roles.includes(role));
  if (found.length === 1 && found[0]) return found[0];
  if (found.length > 1) {
    throw new UsageError(`「${wanted}」有 ${found.length} 人：${found.map(label).join('、')}，请改用 userid`);
  }
  const who = role === 'learner' ? '学员' : '成员';
  const similar = lookalikes(ctx, wanted, role);
  const hint = similar.length > 0 ? `，你是不是指：${similar.map(label).join('、')}` : '';
  throw new UsageError(`本营${who}中没有「${wanted}」${hint}`);
}

/** True for a word that names a user (`@张三`, `＠张三`) rather than a value. */
export function isMention(word: string): boolean {
  return /^[@＠]\S/u.test(word);
}

/** The display name of a userid (the userid itself when unknown). */
export function nameOf(ctx: { sqlite: CommandContext['sqlite'] }, userid: string): string {
  const row = prepared<[string], { name: string }>(ctx.sqlite, 'SELECT name FROM people WHERE userid = ?').get(userid);
  return row?.name ?? userid;
}
