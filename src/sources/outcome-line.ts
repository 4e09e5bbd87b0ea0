import { formatLocalTime } from '../camp/time-zone.js';
import { describeSource } from './camp-sources.js';
import { refusalFix } from './refusal-fix.js';
import type { SourceOutcome } from './sync-camp-sources.js';

/**
 * One line saying what a sync did with a source, for operators (`sources sync`, serve's log).
 * @example outcomeLine({ source, kind: 'recorded', added: 3, endsAt }, 'Asia/Shanghai') // '直播 L1（第 3 课）：新记录 3 条'
 */
export function outcomeLine(outcome: SourceOutcome, timeZone: string): string {
  const what = describeSource(outcome.source);
  switch (outcome.kind) {
    case 'recorded':
      return `${what}：新记录 ${outcome.added} 条`;
    case 'upcoming':
      return `${what}：尚未结束（${formatLocalTime(outcome.endsAt, timeZone)} 结束），暂不记录`;
    case 'called-off':
      return `${what}：已取消或已过期，不记录`;
    case 'refused':
      return `无法读取${what}：企业微信 errcode ${outcome.error.errcode} — ${refusalFix(outcome.source, outcome.error)}`;
    case 'unreachable':
      return `无法读取${what}：企业微信无法连接（${outcome.error.message}），稍后再试`;
  }
}
