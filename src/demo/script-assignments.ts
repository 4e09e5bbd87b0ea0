import type { CampDay } from './demo-calendar.js';
import type { DemoLearner } from './sample-people.js';
import { recorded, type ScriptMessage, type ScriptStep, type ScriptTools } from './script-tools.js';

interface Assignment {
  id: string;
  week: number;
  tag: string | null;
  title: string;
}

interface Submission {
  assignment: Assignment;
  author: DemoLearner;
  /** 0–1: how good the work is (what trainer and peers see). */
  quality: number;
  day: CampDay;
  time: number;
  /** `/submit a1` first, then the link as its own message (a follow-up submission). */
  followUp: boolean;
}

/** Who submits what when, decided up front so each day's steps can be cut from it. */
export interface AssignmentPlan {
  assignments: Assignment[];
  submissions: Submission[];
}

const ASSIGNMENTS: Assignment[] = [
  { id: 'a1', week: 1, tag: null, title: '提示词工程练习' },
  { id: 'a2', week: 2, tag: 'user-research', title: '用户访谈与需求洞察' },
  { id: 'a3', week: 3, tag: null, title: 'AI工作流设计' },
  { id: 'a4', week: 4, tag: null, title: '结业方案初稿' },
];
const COMMENTS = ['思路清晰', '案例很具体', '结构还可以再理一理', '数据支撑充分', '建议补充风险分析', '很有启发', '落地性强'];

const clamp = (x: number): number => Math.max(0, Math.min(1, x));

export function planAssignments(tools: ScriptTools): AssignmentPlan {
  const { random } = tools;
  const submissions: Submission[] = [];
  for (const assignment of ASSIGNMENTS) {
    for (const author of tools.people.learners) {
      const willing = author.improver && assignment.week >= 2 && assignment.week <= 3 ? 0.3 : author.diligence;
      if (!random.chance(willing)) continue;
      const day = tools.calendar.day(assignment.week, random.int(3, 5));
      const quality = clamp(0.2 + 0.5 * author.skill + 0.2 * author.diligence + (random.next() - 0.5) * (assignment.tag ? 0.3 : 0.15));
      const time = tools.at(day, `${random.int(19, 22)}:${String(random.int(0, 59)).padStart(2, '0')}`);
      submissions.push({ assignment, author, quality, day, time, followUp: random.chance(0.1) });
    }
  }
  return { assignments: ASSIGNMENTS, submissions };
}

/** Monday: the trainer sets the week's assignment in group chat 1 (a2 tagged `user-research`). */
function assignSteps(tools: ScriptTools, plan: AssignmentPlan, day: CampDay): ScriptStep[] {
  const assignment = plan.assignments.find((a) => a.week === day.week);
  if (!assignment || day.weekday !== 1) return [];
  const time = tools.at(day, '09:00');
  const text = `/assign ${assignment.id} ${assignment.tag ?? ''} ${assignment.title}`.replace(/\s+/g, ' ');
  return [tools.send(time, [recorded(tools.group(tools.chats[0]!, tools.people.trainers[0].userid, text, time), assignment.week <= 2)])];
}

/** Wednesday to Friday: submissions 1:1 (a link or text; some as `/submit a1` followed by a link message). */
function submitSteps(tools: ScriptTools, plan: AssignmentPlan, day: CampDay): ScriptStep[] {
  const today = plan.submissions.filter((s) => s.day.date === day.date);
  if (today.length === 0) return [];
  const shown = plan.submissions.find((s) => !s.followUp);
  const first: ScriptMessage[] = [];
  const second: ScriptMessage[] = [];
  for (const [i, s] of today.entries()) {
    const link = `https://docs.qq.com/doc/demo-${s.assignment.id}-${s.author.userid}`;
    const show = s === shown;
    if (!s.followUp) {
      first.push(recorded(tools.app(s.author.userid, `${i % 2 ? '/提交' : '/submit'} ${s.assignment.id} ${link}`, s.time), show));
      continue;
    }
    first.push(tools.app(s.author.userid, `/提交 ${s.assignment.id}`, s.time));
    second.push(recorded(tools.app(s.author.userid, '', s.time + 40, { kind: 'link', url: link, title: `${s.assignment.id} 作业` })));
  }
  const time = Math.min(...today.map((s) => s.time));
  return [tools.send(time, first), ...(second.length ? [tools.send(time + 1, second)] : [])];
}

/** Monday after: each diligent submitter peer-reviews two others' work 1:1 (score 0–100 or stars). */
function reviewSteps(tools: ScriptTools, plan: AssignmentPlan, day: CampDay): ScriptStep[] {
  const assignment = plan.assignments.find((a) => a.week === day.week - 1);
  if (!assignment || day.weekday !== 1) return [];
  const { random } = tools;
  const pool = plan.submissions.filter((s) => s.assignment === assignment);
  const messages: ScriptMessage[] = [];
  for (const reviewer of pool) {
    if (!random.chance(reviewer.author.diligence)) continue;
    for (const target of random.sample(pool.filter((s) => s !== reviewer), 2)) {
      const score = Math.round(100 * clamp(target.quality + (random.next() - 0.4) * 0.25));
      const value = random.chance(0.3) ? `${Math.max(1, Math.round(score / 20))}星` : String(score);
      const time = tools.at(day, '09:30', messages.length * 7);
      const who = random.chance(0.5) ? `@${target.author.name}` : target.author.userid;
      const text = `${random.chance(0.5) ? '/review' : '/互评'} ${assignment.id} ${who} ${value} ${random.pick(COMMENTS)}`;
      messages.push(recorded(tools.app(reviewer.author.userid, text, time), messages.length === 0 && assignment.week === 1));
    }
  }
  return messages.length ? [tools.send(tools.at(day, '09:30'), messages)] : [];
}

/** Tuesday after: the two trainers grade every submission (one in group chat 1, one 1:1). */
function gradeSteps(tools: ScriptTools, plan: AssignmentPlan, day: CampDay): ScriptStep[] {
  const assignment = plan.assignments.find((a) => a.week === day.week - 1);
  if (!assignment || day.weekday !== 2) return [];
  const [zhang, chen] = tools.people.trainers;
  const time = tools.at(day, '14:00');
  const messages = plan.submissions.filter((s) => s.assignment === assignment).map((s, i) => {
    const grade = Math.round(100 * clamp(s.quality + (tools.random.next() - 0.5) * 0.1));
    const comment = tools.random.pick(COMMENTS);
    return recorded(i % 2 === 0
      ? tools.group(tools.chats[0]!, zhang.userid, `/批改 ${assignment.id} @${s.author.name} ${grade} ${comment}`, time + i * 20)
      : tools.app(chen.userid, `/grade ${assignment.id} ${s.author.userid} ${grade} ${comment}`, time + i * 20), i === 0 && assignment.week === 1);
  });
  return messages.length ? [tools.send(time, messages)] : [];
}

/** Everything about assignments that happens on `day`. */
export function assignmentSteps(tools: ScriptTools, plan: AssignmentPlan, day: CampDay): ScriptStep[] {
  return [
    ...assignSteps(tools, plan, day),
    ...reviewSteps(tools, plan, day),
    ...gradeSteps(tools, plan, day),
    ...submitSteps(tools, plan, day),
  ];
}
