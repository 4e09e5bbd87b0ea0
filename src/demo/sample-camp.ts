import { stringify } from 'csv-stringify/sync';
import type { DemoCalendar } from './demo-calendar.js';
import { rosterRows, type DemoPeople } from './sample-people.js';

export const DEMO_CAMP_ID = 'ai-demo';
export const DEMO_BOT_NAME = '训练营助手';

/** A group chat of the sample camp: half the teams, reached through one of the two group channels. */
export interface DemoChat {
  id: string;
  /** The group robot's webhook key on the fake WeCom. */
  key: string;
  channel: 'group-robot' | 'ai-bot';
  teams: string[];
}

/** Chat 1 talks to the group robot (XML), chat 2 to the AI bot (JSON): both group products on `/wecom/bot`. */
export function demoChats(teams: string[]): DemoChat[] {
  const half = Math.ceil(teams.length / 2);
  return [
    { id: 'wrDemoChatAiCampOne0000000000001', key: 'demo-chat-1', channel: 'group-robot', teams: teams.slice(0, half) },
    { id: 'wrDemoChatAiCampTwo0000000000002', key: 'demo-chat-2', channel: 'ai-bot', teams: teams.slice(half) },
  ];
}

/**
 * The camp file, in SPEC §4's shape: the rubric with participation weighted a little (so chat counts), five awards
 * tuned so that each has a handful of winners, and both chats with webhooks on the (fake) WeCom origin.
 */
export function sampleCampYaml(calendar: DemoCalendar, people: DemoPeople, chats: DemoChat[], apiBase: string): string {
  const ids = (list: { userid: string }[]): string => list.map((p) => p.userid).join(', ');
  const improvedFrom = calendar.day(5, 1).date;
  return `# 演示营：camp-bot demo 生成（五周压缩重放）
id: ${DEMO_CAMP_ID}
name: 人工智能应用结业营（演示）
timezone: ${calendar.timezone}
starts: ${calendar.starts}
ends: ${calendar.ends}
lessons: 10
chats:
${chats.map((c) => `  - { id: ${c.id}, webhook: "${apiBase}/cgi-bin/webhook/send?key=${c.key}" }`).join('\n')}
trainers: [${ids(people.trainers)}]
managers: [${ids(people.managers)}]
admins: { users: [${ids(people.admins)}] }
metrics:
  completion: { weight: 20 }
  exam: { weight: 25 }
  assignment: { weight: 25, trainerShare: 0.7, minPeerReviews: 2 }
  project: { weight: 15, target: 20 }
  practice: { weight: 10, target: 3 }
  participation: { weight: 5, target: 30, minChars: 5, cooldownSeconds: 60, dailyCap: 20 }
  attendance: { weight: 0 }
eligibility: { minCompletion: 0, minAttendance: 0 }
awards:
  - { id: all-round, name: 全能优秀学员奖, rank: composite, top: 5% }
  - { id: best-practice, name: 最佳实践应用奖, rank: practice, top: 3%, tieBreak: composite }
  - { id: best-team, name: 最佳团队协作奖, team: project, top: 1 }
  - { id: most-improved, name: 进步最快奖, improvement: { metric: completion, from: { at: ${improvedFrom}, max: 50 }, to: { min: 100 } } }
  - { id: user-research, name: 最佳用户研究奖, rank: "assignment:user-research", top: 3% }
prizes:
  all-round: 定制奖杯 + 500元购书卡
  best-practice: 300元购书卡
  best-team: 团队聚餐基金 2000元
  most-improved: 200元购书卡
  user-research: 用户研究经典书籍一套
schedule:
  leaderboard: "0 20 * * *"
  preview: ${calendar.ends}T10:00
  publish: ${calendar.ends}T18:00
`;
}

/** The roster as CSV with the `roster import` header. */
export function rosterCsv(people: DemoPeople): string {
  const rows = rosterRows(people).map((r) => [r.userid, r.name, r.department ?? '', r.team ?? '', r.role, r.joined ?? '']);
  return stringify([['userid', 'name', 'department', 'team', 'role', 'joined'], ...rows]);
}
