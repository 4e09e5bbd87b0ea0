import { UsageError } from '../errors.js';
import type { BaseCommandContext, CommandSpec } from './command-spec.js';
import { commandsNamed } from './find-command.js';
import { callName, mayRun, whoMayRun } from './permissions.js';

function usableCommands(ctx: BaseCommandContext): CommandSpec[] {
  if (ctx.campId === null && ctx.message.chatType === 'group') {
    return ctx.commands.filter((spec) => spec.needsCamp === false);
  }
  return ctx.commands.filter((spec) => mayRun(spec, ctx.user.roles));
}

function overview(ctx: BaseCommandContext): string {
  const lines = usableCommands(ctx).map((spec) => `${callName(spec)} ${spec.summary}　例：${spec.example}`);
  const head = ctx.campId === null && ctx.message.chatType === 'group'
    ? '本群还没有绑定训练营，培训老师可发送 /绑定 <训练营id>。现在可用：'
    : '你可以使用这些命令（/帮助 <命令> 看详细用法）：';
  return [head, ...lines].join('\n');
}

function detail(spec: CommandSpec): string {
  const aliases = spec.aliases.map((alias) => `/${alias}`).join(' ');
  return [
    `${callName(spec)} ${spec.summary}`,
    `用法：${spec.usage}`,
    `例：${spec.example}`,
    `别名：${aliases || '无'}；使用者：${whoMayRun(spec)}`,
  ].join('\n');
}

/** `/help [command]` — the commands this user may use, with examples; or one command's usage. */
export const helpCommand: CommandSpec = {
  name: 'help',
  aliases: ['帮助'],
  roles: 'all',
  needsCamp: false,
  usage: '/help [命令]',
  example: '/帮助 记分',
  summary: '查看可用命令与示例',
  async run(ctx, [word]) {
    if (word === undefined) return overview(ctx);
    const found = commandsNamed(word, ctx.commands);
    if (found.length === 0) throw new UsageError(`没有命令「${word}」，发送 /帮助 查看全部`);
    return found.map(detail).join('\n\n');
  },
};
