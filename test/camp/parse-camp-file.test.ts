import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { CampConfig } from '../../src/camp/camp-config.js';
import { parseCampFile } from '../../src/camp/parse-camp-file.js';
import { ValidationError } from '../../src/errors.js';

const example = readFileSync(new URL('./fixtures/spec-example.yaml', import.meta.url), 'utf8');
const minimal = 'id: mini\nname: 小营\nstarts: 2026-11-02\nends: 2026-12-04\n';

function problemsOf(yamlText: string): string[] {
  try {
    parseCampFile(yamlText);
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return (error as ValidationError).problems;
  }
  throw new Error('expected the camp file to be rejected');
}

const exampleConfig: CampConfig = {
  id: 'ai-2026q4',
  name: '人工智能应用结业营',
  timezone: 'Asia/Shanghai',
  starts: '2026-11-02',
  ends: '2026-12-04',
  lessons: 10,
  chats: [{ id: 'wrkSFfCgAAtMQKg4xqDatM5C9IDHFpTw', webhook: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=KEY' }],
  trainers: ['zhangsan'],
  managers: ['lisi'],
  admins: { users: ['wangwu'], parties: [12] },
  metrics: {
    completion: { weight: 20 },
    attendance: { weight: 0 },
    exam: { weight: 30 },
    assignment: { weight: 25, trainerShare: 0.7, minPeerReviews: 2 },
    project: { weight: 15, target: 20 },
    practice: { weight: 10, target: 3 },
    participation: { weight: 0, target: 30, minChars: 5, cooldownSeconds: 60, dailyCap: 20 },
  },
  eligibility: { minCompletion: 0, minAttendance: 0 },
  awards: [
    { kind: 'rank', id: 'all-round', name: '全能优秀学员奖', rank: 'composite', top: { percent: 10 }, tieBreak: null },
    { kind: 'rank', id: 'best-practice', name: '最佳实践项目奖', rank: 'practice', top: { percent: 5 }, tieBreak: 'composite' },
    { kind: 'team', id: 'best-team', name: '最佳团队协作奖', team: 'project', top: { count: 3 } },
    {
      kind: 'improvement',
      id: 'most-improved',
      name: '进步最快奖',
      // The end of 2026-11-20 in Asia/Shanghai.
      improvement: { metric: 'completion', from: { at: '2026-11-20', atMs: Date.parse('2026-11-20T23:59:59.999+08:00'), max: 60 }, to: { min: 100 } },
    },
    { kind: 'rank', id: 'user-research', name: '最佳用户研究奖', rank: 'assignment:user-research', top: { percent: 5 }, tieBreak: null },
  ],
  prizes: { 'all-round': '定制奖杯 + 500元购书卡' },
  schedule: { leaderboard: '0 20 * * *', preview: '2026-12-04T10:00', publish: '2026-12-04T18:00' },
};

describe('parseCampFile', () => {
  it('parses the SPEC §4 example', () => {
    expect(parseCampFile(example)).toEqual(exampleConfig);
  });

  it('fills the example rubric for a minimal file', () => {
    const config = parseCampFile(minimal);
    expect(config.metrics).toEqual(exampleConfig.metrics);
    expect(config.eligibility).toEqual({ minCompletion: 0, minAttendance: 0 });
    expect(config.timezone).toBe('Asia/Shanghai');
    expect(config.lessons).toBe(10);
    expect(config.awards.map((award) => award.id)).toEqual(['all-round', 'best-practice', 'best-team']);
    expect(config.schedule).toEqual({ leaderboard: null, preview: null, publish: null });
    expect(config).toMatchObject({ chats: [], trainers: [], managers: [], admins: { users: [], parties: [] }, prizes: {} });
  });

  it('takes the default zone from the options when the file names none', () => {
    expect(parseCampFile(minimal, { defaultTimezone: 'Europe/Berlin' }).timezone).toBe('Europe/Berlin');
    expect(parseCampFile(`${minimal}timezone: Asia/Tokyo\n`, { defaultTimezone: 'Europe/Berlin' }).timezone).toBe('Asia/Tokyo');
  });

  it('keeps other metric settings at the rubric when only targets change, and weighs unnamed metrics 0 once weights are set', () => {
    const targets = parseCampFile(`${minimal}metrics: { project: { target: 40 } }\n`);
    expect(targets.metrics.project).toEqual({ weight: 15, target: 40 });
    const split = parseCampFile(`${minimal}metrics: { exam: { weight: 60 }, project: { weight: 40 } }\n`);
    expect(split.metrics.exam.weight).toBe(60);
    expect(split.metrics.completion.weight).toBe(0);
    expect(split.metrics.project).toEqual({ weight: 40, target: 20 });
  });

  it('normalizes chats given as ids or { id, webhook }', () => {
    const config = parseCampFile(`${minimal}chats: [wrkA, { id: wrkB }, { id: wrkC, webhook: "https://qyapi.weixin.qq.com/x" }]\n`);
    expect(config.chats).toEqual([{ id: 'wrkA' }, { id: 'wrkB' }, { id: 'wrkC', webhook: 'https://qyapi.weixin.qq.com/x' }]);
  });

  it('reads a date-time improvement start as that instant in the camp zone', () => {
    const config = parseCampFile(
      `${minimal}timezone: Asia/Tokyo\nawards:\n  - { id: up, name: 进步奖, improvement: { metric: exam, from: { at: "2026-11-20T12:00", max: 50 }, to: { min: 80 } } }\n`,
    );
    const award = config.awards[0];
    expect(award?.kind === 'improvement' && award.improvement.from.atMs).toBe(Date.parse('2026-11-20T12:00:00+09:00'));
  });
});

describe('parseCampFile rejects mistakes with the key path', () => {
  it.each([
    ['an unknown top-level key', `${minimal}colour: red\n`, ['colour: unknown key']],
    ['an unknown nested key', `${minimal}metrics: { exam: { weight: 30, wieght: 1 } }\n`, ['metrics.exam.wieght: unknown key']],
    ['an unknown metric', `${minimal}metrics: { karma: { weight: 1 } }\n`, ['metrics.karma: unknown key']],
    ['weights not summing to 100', example.replace('exam: { weight: 30 }', 'exam: { weight: 25 }'), ['metrics: weights must sum to 100, got 95']],
    ['a negative weight', `${minimal}metrics: { exam: { weight: -5 } }\n`, ['metrics.exam.weight: expected a number from 0 to 100']],
    ['an unknown metric in an award', example.replace('rank: practice', 'rank: pratice'), [
      'awards[1].rank: expected composite, a metric (completion, attendance, exam, assignment, project, practice, participation) or "assignment:<tag>"',
    ]],
    ['a bad top', example.replace('top: 10%', 'top: ten'), ['awards[0].top: expected "N%" or a whole number']],
    ['a zero top', example.replace('top: 3', 'top: 0'), ['awards[2].top: expected "N%" or a whole number']],
    ['a missing top', `${minimal}awards:\n  - { id: a, name: 奖, rank: composite }\n`, ['awards[0].top: required']],
    ['two kinds in one award', `${minimal}awards:\n  - { id: a, name: 奖, rank: composite, team: project, top: 1 }\n`, ['awards[0]: use only one of rank, team']],
    ['a tie-break on a team award', `${minimal}awards:\n  - { id: a, name: 奖, team: project, top: 1, tieBreak: composite }\n`, ['awards[0].tieBreak: only rank awards take a tie-break']],
    ['a duplicate award id', example.replace('id: user-research', 'id: all-round'), ['awards[4].id: duplicate id "all-round"']],
    ['a prize for an unknown award', example.replace('prizes: { all-round', 'prizes: { all-rounder'), ['prizes.all-rounder: no award with id "all-rounder"']],
    ['an impossible date', example.replace('starts: 2026-11-02', 'starts: 2026-02-30'), ['starts: expected a date like 2026-11-02']],
    ['an end before the start', example.replace('ends: 2026-12-04', 'ends: 2026-10-01'), ['ends: must be on or after starts (2026-11-02)']],
    ['a bad improvement date', example.replace('at: 2026-11-20', 'at: 2026-13-20'), [
      'awards[3].improvement.from.at: expected a date like 2026-11-20 or a date-time like 2026-11-20T18:00',
    ]],
    ['a bad cron', example.replace('"0 20 * * *"', '"0 25 * * *"'), ['schedule.leaderboard: expected a cron expression like "0 20 * * *"']],
    ['a bad publish time', example.replace('publish: 2026-12-04T18:00', 'publish: tomorrow'), ['schedule.publish: expected a local date-time like 2026-12-04T18:00']],
    ['a bad time zone', example.replace('timezone: Asia/Shanghai', 'timezone: Mars/Olympus'), ['timezone: expected an IANA time zone such as Asia/Shanghai']],
    ['a missing id', minimal.replace('id: mini\n', ''), ['id: required']],
    ['a wrong type', `${minimal}lessons: ten\n`, ['lessons: expected a whole number from 1 to 10000']],
    ['a list where a mapping belongs', `${minimal}metrics: [exam]\n`, ['metrics: expected a mapping']],
    ['a bad webhook', `${minimal}chats: [{ id: wrkA, webhook: "not a url" }]\n`, ['chats[0].webhook: expected an http(s) URL']],
    ['a non-mapping document', '- just\n- a list\n', ['(root): expected a mapping']],
    ['a duplicate YAML key', `${minimal}id: again\n`, ['line 5, column 1: Map keys must be unique']],
  ])('%s', (_what, yamlText, problems) => {
    expect(problemsOf(yamlText)).toEqual(problems);
  });

  it('reports several mistakes at once, one line each', () => {
    expect(problemsOf(`${minimal}lessons: 0\nfoo: 1\nbar: 2\n`)).toEqual([
      'lessons: expected a whole number from 1 to 10000',
      'foo: unknown key',
      'bar: unknown key',
    ]);
  });

  it('throws a ValidationError whose message is one line', () => {
    expect(() => parseCampFile(`${minimal}colour: red\n`)).toThrow(/^invalid camp file: colour: unknown key$/);
  });
});

const withLessons = `${minimal}lessons: 4\n`;

describe('the camp file\'s sources (SPEC §13)', () => {
  it('reads living and meetings in the contract shape', () => {
    const config = parseCampFile(`${withLessons}sources:
  living:   [{ id: LIVINGID, lesson: 3, minWatchMinutes: 30 }]
  meetings: [{ id: MEETINGID, session: 第3课, minMinutes: 45 }]
`);
    expect(config.sources).toEqual({
      living: [{ id: 'LIVINGID', lesson: 3, minWatchMinutes: 30 }],
      meetings: [{ id: 'MEETINGID', session: '第3课', minMinutes: 45 }],
    });
  });

  it('leaves a camp without sources without the key, and an empty list is fine', () => {
    expect(parseCampFile(minimal)).not.toHaveProperty('sources');
    expect(parseCampFile(`${withLessons}sources: { living: [] }\n`).sources).toEqual({ living: [], meetings: [] });
  });

  it.each([
    ['a lesson beyond the camp\'s lessons', 'sources: { living: [{ id: L1, lesson: 5, minWatchMinutes: 30 }] }', ['sources.living[0].lesson: must be within lessons (1–4)']],
    ['lesson 0', 'sources: { living: [{ id: L1, lesson: 0, minWatchMinutes: 30 }] }', ['sources.living[0].lesson: expected a whole number from 1 to 10000']],
    ['zero minutes', 'sources: { living: [{ id: L1, lesson: 1, minWatchMinutes: 0 }] }', ['sources.living[0].minWatchMinutes: expected a number of minutes greater than 0']],
    ['negative minutes', 'sources: { meetings: [{ id: M1, session: 第1课, minMinutes: -5 }] }', ['sources.meetings[0].minMinutes: expected a number of minutes greater than 0']],
    ['minutes as text', 'sources: { meetings: [{ id: M1, session: 第1课, minMinutes: half }] }', ['sources.meetings[0].minMinutes: expected a number of minutes greater than 0']],
    ['a duplicate live', 'sources: { living: [{ id: L1, lesson: 1, minWatchMinutes: 30 }, { id: L1, lesson: 2, minWatchMinutes: 30 }] }', ['sources.living[1].id: duplicate id "L1"']],
    ['a duplicate meeting', 'sources: { meetings: [{ id: M1, session: a, minMinutes: 1 }, { id: M1, session: b, minMinutes: 1 }] }', ['sources.meetings[1].id: duplicate id "M1"']],
    ['a missing session', 'sources: { meetings: [{ id: M1, minMinutes: 45 }] }', ['sources.meetings[0].session: required']],
    ['an unknown key in a source', 'sources: { living: [{ id: L1, lesson: 1, minWatchMinutes: 30, replay: true }] }', ['sources.living[0].replay: unknown key']],
    ['an unknown kind of source', 'sources: { documents: [] }', ['sources.documents: unknown key']],
    ['a mapping where a list belongs', 'sources: { living: { id: L1 } }', ['sources.living: expected a list']],
  ])('refuses %s with its key path', (_what, extra, problems) => {
    expect(problemsOf(`${withLessons}${extra}\n`)).toEqual(problems);
  });
});
