import { formatLocalTime } from '../camp/time-zone.js';
import { UsageError } from '../errors.js';
import { requestSource } from '../sources/request-source.js';
import type { CommandSpec } from './command-spec.js';
import { parseWholeNumber } from './parse-values.js';
import { halfOf, sourceSchedule } from './source-schedule.js';

/** WeCom's limit for a live's theme. */
const MAX_THEME = 20;

/**
 * `/lesson live <n> <标题> [开始时间] [分钟]` — creates a WeCom live lesson (type 企业培训) for lesson n: whoever
 * watches at least half of it completes the lesson (`sources sync`). WeCom is called after the message commits.
 */
export const lessonLiveCommand: CommandSpec = {
  name: 'lesson live',
  aliases: ['直播', '进度 直播'],
  roles: ['trainer'],
  usage: '/lesson live <第几课> <标题> [20:00 | 2026-11-20T20:00] [分钟]',
  example: '/直播 3 提示词工程 20:00 90',
  summary: '创建企业微信直播（企业培训），观看满一半时长自动记为完成该课',
  async run(ctx, [lessonWord, ...rest]) {
    const lesson = parseWholeNumber(lessonWord, 1, ctx.camp.lessons, '课程编号');
    const { words, startsAt, minutes } = sourceSchedule(rest, ctx.now, ctx.camp.timezone, true);
    const theme = words.join(' ').trim();
    if (!theme) throw new UsageError('缺少直播标题');
    if ([...theme].length > MAX_THEME) throw new UsageError(`直播标题最长 ${MAX_THEME} 个字（企业微信的限制）`);
    await requestSource(ctx.db, {
      campId: ctx.campId,
      kind: 'living',
      target: String(lesson),
      title: theme,
      startsAt: startsAt ?? ctx.now,
      durationS: minutes * 60,
      minMinutes: halfOf(minutes),
      requestedBy: ctx.user.userid,
      chatId: ctx.message.chatType === 'group' ? ctx.message.chatId : null,
    }, ctx.now);
    const when = startsAt === null ? '马上开始' : `${formatLocalTime(startsAt, ctx.camp.timezone)} 开始`;
    const where = ctx.message.chatType === 'group' ? '群里' : '这里';
    return `正在创建第 ${lesson} 课直播「${theme}」（${when}，${minutes} 分钟；观看满 ${halfOf(minutes)} 分钟记为完成），创建后通知发到${where}`;
  },
};
