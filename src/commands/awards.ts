import { previewAwards } from '../db/preview-awards.js';
import { awardPreviewText } from '../publication/award-preview-text.js';
import { AlreadyPublished, publishAwards, type PublishOutcome } from '../publication/publish-awards.js';
import { ConfigError, UsageError } from '../errors.js';
import { answerPrivately } from './answer-privately.js';
import type { CommandContext, CommandSpec } from './command-spec.js';

const FORCE = new Set(['--force', 'force', '强制', '重新发布']);

/** `/awards preview` — the draft goes to the asker only: privately when asked in a group chat. */
export const awardsPreviewCommand: CommandSpec = {
  name: 'awards preview',
  aliases: ['奖项 预览'],
  roles: ['trainer'],
  usage: '/awards preview',
  example: '/奖项 预览',
  summary: '预览评奖结果（草稿，仅培训老师可见）',
  async run(ctx) {
    const text = awardPreviewText(await previewAwards(ctx.db, ctx.campId, ctx.now));
    return answerPrivately(ctx, 'awards-preview', text, '📝 评奖预览草稿已私信发给你（群里不公开）');
  },
};

async function publish(ctx: CommandContext, args: string[]): Promise<string> {
  const unknown = args.filter((word) => !FORCE.has(word.toLowerCase()));
  if (unknown.length > 0) throw new UsageError(`不认识「${unknown.join(' ')}」`);
  let outcome: PublishOutcome;
  try {
    outcome = await publishAwards({ db: ctx.db, ...ctx.settings }, ctx.campId, { by: ctx.user.userid, force: args.length > 0, now: ctx.now });
  } catch (error) {
    if (error instanceof AlreadyPublished) throw new UsageError(`本营已于发布 #${error.publication.id} 公布结果；如需重新发布请发送 /奖项 发布 强制`);
    if (error instanceof ConfigError) throw new UsageError('服务器未配置 CERT_SECRET，无法签发证书，未发布（请联系运维）');
    throw error;
  }
  return publishedReply(outcome);
}

function publishedReply({ publicationId, result, queued }: PublishOutcome): string {
  const replaced = result.supersedes ? `（已取代发布 #${result.supersedes}）` : '';
  const lines = [
    `🏆 获奖结果已发布 #${publicationId}${replaced}：共 ${result.winners.length} 人次获奖`,
    `公告发往 ${queued.announcements} 个群，证书私信 ${queued.winnerNotices} 份，奖品名单${queued.adminMessages ? '已发给行政' : '未发送（没有配置 admins）'}`,
  ];
  if (result.warnings.length > 0) lines.push(`⚠️ ${result.warnings.length} 条提醒：${result.warnings.join('；')}`);
  return lines.join('\n');
}

/** `/awards publish [--force]` — with CERT_SECRET and PUBLIC_BASE_URL from the context's settings. */
export const awardsPublishCommand: CommandSpec = {
  name: 'awards publish',
  aliases: ['奖项 发布'],
  roles: ['trainer'],
  usage: '/awards publish [--force]',
  example: '/奖项 发布',
  summary: '发布获奖结果：群公告、证书私信、奖品名单给行政',
  run: (ctx, args) => publish(ctx, args),
};
