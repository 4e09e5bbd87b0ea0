import { type InboundMessage, isGroupMessage } from '../bot/inbound-message.js';
import type { CampConfig } from '../camp/camp-config.js';
import { endOfLocalDayMs, zonedTimeToUtcMs } from '../camp/time-zone.js';
import { campIdForChat, loadCamp } from '../db/camp-store.js';
import type { Db } from '../db/db.js';
import { campsOfUser, rolesOf, type Role } from '../db/roster-store.js';

/** The camp a message is about, or why there is none (`reason` is what the user is told). */
export type CampResolution =
  | { kind: 'camp'; campId: string; camp: CampConfig; roles: Role[]; args: string[] }
  | { kind: 'none'; reason: string; roles: Role[]; args: string[] };

async function inCamp(db: Db, campId: string, userid: string, args: string[]): Promise<CampResolution | null> {
  const camp = await loadCamp(db, campId);
  return camp ? { kind: 'camp', campId, camp, roles: await rolesOf(db, campId, userid), args } : null;
}

type Membership = { campId: string; roles: Role[] };

function isActive(camp: CampConfig, now: number): boolean {
  return zonedTimeToUtcMs(camp.starts, camp.timezone) <= now && now <= endOfLocalDayMs(camp.ends, camp.timezone);
}

/** The user's one camp, or the one of theirs running today if only one is; with the roles `campsOfUser` read. */
async function onlyCamp(db: Db, mine: Membership[], args: string[], now: number): Promise<CampResolution | undefined> {
  const camps: (CampResolution & { kind: 'camp' })[] = [];
  for (const m of mine) {
    const camp = await loadCamp(db, m.campId);
    if (camp) camps.push({ kind: 'camp', campId: m.campId, camp, roles: m.roles, args });
  }
  if (camps.length === 1) return camps[0];
  const active = camps.filter((c) => isActive(c.camp, now));
  return active.length === 1 ? active[0] : undefined;
}

async function resolveDirect(db: Db, userid: string, args: string[], now: number, command: string): Promise<CampResolution> {
  const mine = await campsOfUser(db, userid);
  const allRoles = [...new Set(mine.flatMap((c) => c.roles))];
  const last = args.at(-1);
  const named = last === undefined ? undefined : mine.find((c) => c.campId === last);
  if (named) return (await inCamp(db, named.campId, userid, args.slice(0, -1))) ?? { kind: 'none', reason: `训练营「${named.campId}」不存在`, roles: [], args };
  if (mine.length === 0) return { kind: 'none', reason: '你还不在任何训练营的名单中，如有疑问请联系培训老师', roles: [], args };
  const only = await onlyCamp(db, mine, args, now);
  if (only) return only;
  const ids = mine.map((c) => c.campId);
  const reason = `你在多个训练营：${ids.join('、')}。请在命令末尾加上训练营 id，例如 /${command} ${ids[0]}`;
  return { kind: 'none', reason, roles: allRoles, args };
}

/**
 * Which camp a command is about: a group chat's binding, or in a 1:1 chat the camp the user belongs to (a trailing
 * camp id argument selects one of several; otherwise the one running today, if only one is).
 * @example await resolveCamp(tx, message, ['ai-2026q4'], Date.now(), 'me') // { kind: 'camp', campId: 'ai-2026q4', args: [] … }
 */
export async function resolveCamp(db: Db, message: InboundMessage, args: string[], now: number, command: string): Promise<CampResolution> {
  const userid = message.from.userid;
  if (!isGroupMessage(message)) return resolveDirect(db, userid, args, now, command);
  const campId = await campIdForChat(db, message.chatId!);
  const bound = campId === null ? null : await inCamp(db, campId, userid, args);
  return bound ?? { kind: 'none', reason: '本群还没有绑定训练营，目前只能用 /帮助 和 /绑定 <训练营id>（培训老师）', roles: [], args };
}
