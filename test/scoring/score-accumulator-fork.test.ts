import { describe, expect, it } from 'vitest';
import { parseCampFile } from '../../src/camp/parse-camp-file.js';
import type { Fact } from '../../src/scoring/fact.js';
import { createScoreAccumulator } from '../../src/scoring/score-accumulator.js';
import { ROSTER, sampleCampYaml } from '../support/camp-fixture.js';

const LEARNERS = ROSTER.filter((row) => row.role === 'learner').map(({ userid, name, team, department }) => ({ userid, name, team, department }));

const fact = (id: number, fields: Partial<Fact> & Pick<Fact, 'type'>): Fact => ({
  id, userid: null, num: null, text: null, ref: null, actor: 'zhang', at: 1_000 + id, revokes: null, ...fields,
});

describe('ScoreAccumulator.fork', () => {
  it('gives a copy that scores on its own: facts added to either do not reach the other', () => {
    const input = { config: parseCampFile(sampleCampYaml()), learners: LEARNERS, asOf: Number.MAX_SAFE_INTEGER, revoked: new Set<number>() };
    const original = createScoreAccumulator(input);
    const shared = [
      fact(1, { type: 'exam', userid: 'ming', num: 80, ref: 'final' }),
      fact(2, { type: 'session', ref: 's1' }),
      fact(3, { type: 'checkin', userid: 'hong', ref: 's1' }),
      fact(4, { type: 'lesson', userid: 'ming', num: 1 }),
      fact(9, { type: 'assignment', ref: 'a1', text: 'user-research' }),
      fact(10, { type: 'submission', userid: 'hong', ref: 'a1', text: 'x' }),
    ];
    for (const f of shared) original.add(f);
    const before = original.finish();
    const fork = original.fork();
    const more = [fact(5, { type: 'project', userid: 'gang', num: 30 }), fact(6, { type: 'checkin', userid: 'ming', ref: 's1' }), fact(7, { type: 'lesson', userid: 'ming', num: 2 }),
      fact(11, { type: 'grade', userid: 'hong', num: 90, ref: 'a1' })];
    for (const f of more) fork.add(f);

    expect(original.finish()).toEqual(before);
    const whole = createScoreAccumulator(input);
    for (const f of [...shared, ...more]) whole.add(f);
    expect(fork.finish()).toEqual(whole.finish());
    original.add(fact(8, { type: 'exam', userid: 'hong', num: 90, ref: 'final' }));
    expect(fork.finish()).toEqual(whole.finish());
  });
});
