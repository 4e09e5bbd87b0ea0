import { WeComNetworkError } from '../errors.js';
import { answerReader, optionalText, type AnswerFields } from './read-answer.js';
import type { WeComTransport } from './wecom-transport.js';

/** A member who watched a live lesson, and for how long in all (seconds, as WeCom counts it). */
export interface LivingViewer {
  userid: string;
  watchTimeS: number;
}

/** `living_info.status`: 0 预约中, 1 直播中, 2 已结束, 3 已过期, 4 已取消. */
export type LivingStatus = 'reserved' | 'live' | 'ended' | 'expired' | 'cancelled' | 'unknown';

/** What camp-bot needs of `living/get_living_info`: when the live ran (Unix seconds) and whether it is over. */
export interface LivingInfo {
  livingid: string;
  theme: string | null;
  livingStart: number;
  livingDuration: number;
  status: LivingStatus;
}

/** A live lesson to create (type 企业培训); times in Unix seconds. */
export interface NewLiving {
  anchorUserid: string;
  /** At most 20 characters (WeCom's limit). */
  theme: string;
  livingStart: number;
  livingDuration: number;
  description?: string;
  /** Remind viewers this many seconds before the start. */
  remindTime?: number;
}

const STATUSES: readonly LivingStatus[] = ['reserved', 'live', 'ended', 'expired', 'cancelled'];
const TRAINING_TYPE = 3; // 企业培训
const MAX_PAGES = 10_000;

/**
 * Every member who watched `livingid`: pages through `living/get_watch_stat` by `next_key` until `ending` is 1
 * (the only end marker WeCom documents); `stat_info.external_users` are left out.
 */
export async function getWatchStat(transport: WeComTransport, livingid: string): Promise<LivingViewer[]> {
  const api = 'living/get_watch_stat';
  const read = answerReader(api);
  const viewers: LivingViewer[] = [];
  let nextKey = '0';
  for (let page = 0; page < MAX_PAGES; page++) {
    const body = JSON.stringify({ livingid, next_key: nextKey });
    const answer = await transport.callApi(api, { path: '/cgi-bin/living/get_watch_stat', method: 'POST', body });
    const stat = answer.stat_info === undefined ? {} : read.record(answer, 'stat_info');
    for (const user of read.list(stat, 'users')) {
      viewers.push({ userid: read.id(user, 'userid'), watchTimeS: read.seconds(user, 'watch_time') });
    }
    if (Number(answer.ending) === 1) return viewers;
    const next = read.id(answer, 'next_key');
    if (next === nextKey) break;
    nextKey = next;
  }
  throw new WeComNetworkError(api, new Error('paging did not end (next_key stopped advancing)'));
}

/**
 * When `livingid` ran and its status. WeCom documents this API as GET with `livingid` in the query; SPEC §13 names a
 * POST with `{ livingid }`: the id goes in both, which either reading finds.
 */
export async function getLivingInfo(transport: WeComTransport, livingid: string): Promise<LivingInfo> {
  const api = 'living/get_living_info';
  const read = answerReader(api);
  const answer = await transport.callApi(api, {
    path: '/cgi-bin/living/get_living_info',
    query: { livingid },
    method: 'POST',
    body: JSON.stringify({ livingid }),
  });
  const info = read.record(answer, 'living_info');
  return {
    livingid,
    theme: optionalText(info, 'theme'),
    livingStart: read.seconds(info, 'living_start'),
    livingDuration: read.seconds(info, 'living_duration'),
    status: livingStatus(info),
  };
}

/** Creates a live of type 企业培训 and returns its livingid; never retried where WeCom may have created it. */
export async function createLiving(transport: WeComTransport, living: NewLiving): Promise<string> {
  const api = 'living/create';
  const body = {
    anchor_userid: living.anchorUserid,
    theme: living.theme,
    living_start: living.livingStart,
    living_duration: living.livingDuration,
    type: TRAINING_TYPE,
    ...(living.description === undefined ? {} : { description: living.description }),
    ...(living.remindTime === undefined ? {} : { remind_time: living.remindTime }),
  };
  const answer = await transport.callApi(api, { path: '/cgi-bin/living/create', method: 'POST', body: JSON.stringify(body), idempotent: false });
  return answerReader(api).id(answer, 'livingid');
}

function livingStatus(info: AnswerFields): LivingStatus {
  // WeCom's own sample answer spells the key "status " (trailing space); accept both.
  const raw = info.status ?? info['status '];
  return (typeof raw === 'number' && STATUSES[raw]) || 'unknown';
}
