import { describe, expect, it } from 'vitest';
import { explainLearner } from '../../src/scoring/explain-learner.js';
import { factMaker, learners, MINUTE, T0, testCamp } from './fact-maker.js';

describe('explainLearner', () => {
  const config = testCamp();
  const f = factMaker();
  const l1 = f.lesson('a', 1);
  const l1again = f.lesson('a', 1);
  const l99 = f.lesson('a', 99);
  const first = f.exam('a', 60);
  const retake = f.exam('a', 80);
  const wrong = f.points('project', 'a', 50);
  f.revoke(wrong.id);
  const late = f.points('project', 'a', 5, T0 + 10_000 * MINUTE);
  f.assignment('hw1');
  const sub = f.submission('a', 'hw1');
  const grade = f.grade('a', 'hw1', 70);
  const selfReview = f.review('a', 'hw1', 'a', 100);
  const r1 = f.review('a', 'hw1', 'b', 60);
  const r1again = f.review('a', 'hw1', 'b', 90);
  const otherSub = f.submission('a', 'hw2'); // nobody graded hw2
  f.exam('b', 50);
  const people = learners('a', 'b');
  const explanation = explainLearner({ config, learner: people[0]!, learners: people, facts: f.all, asOf: T0 + 1000 * MINUTE });
  const metric = (name: string) => explanation.metrics.find((m) => m.metric === name)!;
  const brief = (name: string) => metric(name).facts.map((fact) => [fact.id, fact.counted, fact.note]);

  it('marks repeated and out-of-range lessons', () => {
    expect(metric('completion')).toMatchObject({ raw: 1, normalized: 10, weight: 20, assessed: true });
    expect(brief('completion')).toEqual([
      [l1.id, true, null],
      [l1again.id, false, '同一课已记录过'],
      [l99.id, false, '课次不在 1–10 之内'],
    ]);
  });

  it('marks a superseded exam score', () => {
    expect(metric('exam').raw).toBe(80);
    expect(brief('exam')).toEqual([
      [first.id, false, `已被更新的成绩 #${retake.id} 取代`],
      [retake.id, true, null],
    ]);
  });

  it('marks revoked facts and facts after the as-of time', () => {
    expect(metric('project').raw).toBe(0);
    expect(brief('project')).toEqual([
      [wrong.id, false, '已撤销'],
      [late.id, false, '晚于统计时间'],
    ]);
  });

  it('explains submissions, grades and reviews', () => {
    expect(metric('assignment').raw).toBe(70); // one distinct peer (b) < 2: trainer grade only
    expect(brief('assignment')).toEqual([
      [sub.id, true, null],
      [grade.id, true, null],
      [selfReview.id, false, '自评不计入'],
      [r1.id, false, `已被更新的互评 #${r1again.id} 取代`],
      [r1again.id, false, '互评只有 1 份，少于 2 份，仅按老师评分计'],
      [otherSub.id, false, '该作业还没有老师批改，暂不计入'],
    ]);
  });

  it('carries the learner row', () => {
    expect(explanation.row).toMatchObject({ userid: 'a', rank: 1 });
    expect(explanation.userid).toBe('a');
  });
});
