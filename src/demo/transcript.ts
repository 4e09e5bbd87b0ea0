import type { RecordedCall } from '../fake-wecom/fake-wecom-api.js';
import { formatLocalTime } from '../camp/time-zone.js';
import type { Exchange } from './script-player.js';

/** Where one compressed day's deliveries end in the fake WeCom's call log. */
export interface DayMark {
  label: string;
  /** `calls.length` once that day's outbox was delivered. */
  endCall: number;
}

export interface TranscriptInput {
  title: string;
  summary: string[];
  calls: RecordedCall[];
  marks: DayMark[];
  exchanges: Exchange[];
  /** userid → display name. */
  names: Map<string, string>;
  /** media_id → uploaded file name. */
  media: Map<string, string>;
  timezone: string;
}

const CHANNEL_LABEL = { app: '应用 1:1', 'group-robot': '群聊 · 群机器人', 'ai-bot': '群聊 · 智能机器人' } as const;

/**
 * `transcript.md`: a few conversations with their passive replies, then, day by day, everything the bot sent through
 * WeCom (group posts, personal messages, certificates, the admins' prize list) as the fake WeCom recorded it.
 */
export function transcriptMarkdown(input: TranscriptInput): string {
  const lines = [`# ${input.title}`, '', ...input.summary.map((s) => `- ${s}`), '', '## 对话摘录（被动回复）', ''];
  for (const exchange of [...input.exchanges].sort((a, b) => a.at - b.at)) lines.push(...exchangeLines(input, exchange));
  lines.push('## 机器人主动发出的消息（按天，来自 WeCom API 调用记录）', '');
  let start = 0;
  for (const mark of input.marks) {
    const calls = input.calls.slice(start, mark.endCall).filter((c) => c.errcode === 0 && (c.api === 'webhook/send' || c.api === 'message/send'));
    start = mark.endCall;
    if (calls.length === 0) continue;
    lines.push(`### ${mark.label}`, '');
    for (const call of calls) lines.push(...callLines(input, call));
  }
  return lines.join('\n') + '\n';
}

function who(input: TranscriptInput, userid: string): string {
  const name = input.names.get(userid);
  return name ? `${name}（${userid}）` : userid;
}

/** `MM-DD HH:mm` in the camp's zone. */
function time(ms: number, timezone: string): string {
  return formatLocalTime(ms, timezone).slice('YYYY-'.length);
}

function quote(text: string): string[] {
  return text.split('\n').map((line) => `> ${line}`);
}

function exchangeLines(input: TranscriptInput, e: Exchange): string[] {
  return [`**${time(e.at, input.timezone)} ${who(input, e.from)}**（${CHANNEL_LABEL[e.channel]}）：\`${e.text}\``, '', ...(e.reply ? quote(e.reply) : ['> （无回复）']), ''];
}

function callLines(input: TranscriptInput, call: RecordedCall): string[] {
  const body = (call.body ?? {}) as Record<string, Record<string, string> | string | undefined>;
  const msgtype = String(body.msgtype ?? '');
  const content = body[msgtype] as Record<string, string> | undefined;
  if (call.api === 'webhook/send') return [`#### 群聊 ${call.chatid ?? call.query.key ?? ''}（${msgtype}）`, '', ...quote(String(content?.content ?? '')), ''];
  const to = [...call.touser.map((u) => who(input, u)), ...String(body.toparty ?? '').split('|').filter(Boolean).map((p) => `部门 ${p}`)].join('、');
  return [`- → ${to}：${describeContent(input, msgtype, content)}`];
}

function describeContent(input: TranscriptInput, msgtype: string, content: Record<string, string> | undefined): string {
  if (!content) return `（${msgtype}）`;
  const media = (): string => input.media.get(content.media_id ?? '') ?? content.media_id ?? '';
  switch (msgtype) {
    case 'image':
      return `[图片] ${media()}`;
    case 'file':
      return `[文件] ${media()}`;
    case 'textcard':
      return `[卡片] ${content.title} — ${String(content.description).replaceAll('\n', ' / ')}（${content.url}）`;
    default:
      return String(content.content ?? '').replaceAll('\n', ' / ');
  }
}
