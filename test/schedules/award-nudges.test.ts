import { describe, expect, it } from 'vitest';
import { parseCampFile } from '../../src/camp/parse-camp-file.js';
import { awardNudges } from '../../src/schedules/award-nudges.js';
import { computeStandings } from '../../src/scoring/compute-standings.js';
import type { Fact } from '../../src/scoring/fact.js';
import { campYaml } from '../publication/camp-fixture.js';

const camp = parseCampFile(campYaml((key) => `https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=${key}`));
const learners = ['u1', 'u2', 'u3'].map((userid) => ({ userid, name: userid.toUpperCase(), team: 'A', department: null }));
const exam = (id: number, userid: string, num: number): Fact => ({
  id, type: 'exam', userid, num, text: null, ref: 'final', actor: 't1', at: 1_000, revokes: null,
});
// Exam cut-off for the top-1 award is 90 (u1); u2 at 85 is within 10% of it; u3 at 50 is far.
const standings = computeStandings({ config: camp, learners, facts: [exam(1, 'u1', 90), exam(2, 'u2', 85), exam(3, 'u3', 50)], asOf: 2_000 });

describe('awardNudges', () => {
  it('nudges a learner near a cut-off, with the suggested action when there is one', () => {
    const nudges = awardNudges(camp, standings, new Set(), (userid) => (userid === 'u2' ? '再完成 1 节课可进入考试之星前 1 名' : null));
    expect(nudges).toEqual([
      { userid: 'u2', text: '💪 U2，你离「考试之星」只差 5.00！当前考试 85.00，入围线 90.00。建议：再完成 1 节课可进入考试之星前 1 名' },
    ]);
  });

  it('nudges an at-risk learner far from every award only when an action would help', () => {
    const suggest = (userid: string) => (userid === 'u3' ? '再提交 1 次作业可进入考试之星前 1 名' : null);
    expect(awardNudges(camp, standings, new Set(['u3']), suggest).map((n) => n.userid)).toEqual(['u2', 'u3']);
    expect(awardNudges(camp, standings, new Set(['u3']), suggest)[1]!.text).toBe('📌 U3，建议：再提交 1 次作业可进入考试之星前 1 名');
    expect(awardNudges(camp, standings, new Set(['u3']), () => null).map((n) => n.userid)).toEqual(['u2']);
    expect(awardNudges(camp, standings, new Set(), suggest).map((n) => n.userid)).toEqual(['u2']);
  });
});
