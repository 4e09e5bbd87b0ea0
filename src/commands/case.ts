import { UsageError } from '../errors.js';
import type { CommandSpec } from './command-spec.js';
import { resolveUser } from './resolve-user.js';

/** `/case @user <description>` — a practical-application case: +1 `practice` with the description. */
export const caseCommand: CommandSpec = {
  name: 'case',
  aliases: ['案例'],
  roles: ['manager', 'trainer'],
  usage: '/case @学员 <案例描述>',
  example: '/案例 @张三 用提示词模板把周报时间从 2 小时降到 20 分钟',
  summary: '记录学员的实践应用案例（实践 +1）',
  async run(ctx, [who, ...words]) {
    if (who === undefined) throw new UsageError('缺少学员');
    const learner = await resolveUser(ctx, who, 'learner');
    const description = words.join(' ').trim();
    if (!description) throw new UsageError('缺少案例描述');
    const event = await ctx.record({ type: 'practice', userid: learner.userid, num: 1, note: description });
    return `已记录 #${event.id}：${learner.name} 实践案例 +1`;
  },
};
