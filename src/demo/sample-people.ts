import type { RosterRow } from '../db/roster-store.js';
import type { SeededRandom } from './seeded-random.js';

/** A learner of the sample camp with the habits that decide how they play it. */
export interface DemoLearner {
  userid: string;
  name: string;
  department: string;
  team: string;
  joined: string;
  /** 0–1: how often they turn up, submit and review. */
  diligence: number;
  /** 0–1: how good their exams and work are. */
  skill: number;
  /** 0–1: how much they talk in the group. */
  chattiness: number;
  /** Misses most of the first weeks, then catches up on everything (the 进步最快奖 story). */
  improver: boolean;
}

export interface DemoStaff {
  userid: string;
  name: string;
  department: string;
}

export interface DemoPeople {
  learners: DemoLearner[];
  teams: string[];
  trainers: [DemoStaff, DemoStaff];
  managers: [DemoStaff, DemoStaff];
  admins: DemoStaff[];
}

const SURNAMES = [...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史黎贺顾毛郝龚邵万钱覃武戴孔汤庞'];
const GIVEN = [...'伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红鹏辉建文志宇浩凯晨欣怡佳琪思雨婷雪梦瑶子涵博文昊然诗悦晓一鸣嘉逸书航清晗宁远'];
const DEPARTMENTS = ['研发部', '产品部', '市场部', '销售部', '客服中心', '运营部', '财务部', '人力资源部'];
const TEAMS = ['星火组', '破晓组', '远航组', '启明组', '飞跃组', '磐石组', '青云组', '拓荒组', '追光组', '凌云组', '先锋组', '晨曦组'];

/**
 * The sample camp's people, the same for the same seed: `count` learners with unique Chinese names in up to 12 teams
 * (about one in five hired this year), two trainers, two managers and an admin.
 */
export function samplePeople(random: SeededRandom, count: number, campStarts: string): DemoPeople {
  const names = uniqueNames(random, count);
  const teams = TEAMS.slice(0, Math.max(2, Math.min(TEAMS.length, Math.round(count / 16))));
  const improvers = new Set(random.sample([...Array(count).keys()], Math.max(1, Math.round(count / 70))));
  const learners = names.map((name, i): DemoLearner => ({
    userid: `u${String(i + 1).padStart(3, '0')}`,
    name,
    department: random.pick(DEPARTMENTS),
    team: teams[i % teams.length]!,
    joined: joinedDate(random, campStarts),
    diligence: improvers.has(i) ? 0.95 : 0.35 + 0.65 * random.next() ** 0.7,
    skill: 0.3 + 0.7 * random.next(),
    chattiness: random.next(),
    improver: improvers.has(i),
  }));
  return {
    learners,
    teams,
    trainers: [{ userid: 'zhanglaoshi', name: '张老师', department: '培训部' }, { userid: 'chenlaoshi', name: '陈老师', department: '培训部' }],
    managers: [{ userid: 'wangjingli', name: '王经理', department: '研发部' }, { userid: 'zhoujingli', name: '周经理', department: '市场部' }],
    admins: [{ userid: 'liuxingzheng', name: '刘行政', department: '行政部' }],
  };
}

/** The roster file's rows (SPEC §1 `roster import` columns). */
export function rosterRows(people: DemoPeople): RosterRow[] {
  const staff = (role: RosterRow['role'], list: DemoStaff[]): RosterRow[] =>
    list.map((s) => ({ userid: s.userid, name: s.name, department: s.department, team: null, role, joined: null }));
  return [
    ...staff('trainer', people.trainers),
    ...staff('manager', people.managers),
    ...staff('admin', people.admins),
    ...people.learners.map((l): RosterRow => ({ userid: l.userid, name: l.name, department: l.department, team: l.team, role: 'learner', joined: l.joined })),
  ];
}

function uniqueNames(random: SeededRandom, count: number): string[] {
  const names = new Set<string>();
  while (names.size < count) {
    const given = random.chance(0.6) ? random.pick(GIVEN) + random.pick(GIVEN) : random.pick(GIVEN);
    names.add(random.pick(SURNAMES) + given);
  }
  return [...names];
}

/** Most joined years ago; about one in five is a new hire of the last half year. */
function joinedDate(random: SeededRandom, campStarts: string): string {
  const start = Date.parse(`${campStarts}T00:00:00Z`);
  const daysBefore = random.chance(0.2) ? random.int(20, 180) : random.int(365, 365 * 9);
  return new Date(start - daysBefore * 86_400_000).toISOString().slice(0, 10);
}
