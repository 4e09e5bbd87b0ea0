import type { CampConfig } from '../../src/camp/camp-config.js';
import { parseCampFile } from '../../src/camp/parse-camp-file.js';
import type { Fact } from '../../src/scoring/fact.js';

/** 2026-11-02T00:00 in Asia/Shanghai. */
export const T0 = Date.parse('2026-11-01T16:00:00Z');
export const MINUTE = 60_000;

/** A camp from the SPEC §4 rubric defaults plus extra YAML lines. */
export function testCamp(extra = ''): CampConfig {
  return parseCampFile(`id: t\nname: 测试营\nstarts: 2026-11-02\nends: 2026-12-04\n${extra}`);
}

/**
 * Builds facts with increasing ids; `at` defaults to T0 + id minutes so recording order is time order.
 * Every fact made is also kept in `all`.
 */
export function factMaker() {
  let id = 0;
  const all: Fact[] = [];
  const make = (type: Fact['type'], fields: Partial<Fact>): Fact => {
    id += 1;
    const fact: Fact = { id, type, userid: null, num: null, text: null, ref: null, actor: 'trainer', at: T0 + id * MINUTE, revokes: null, ...fields };
    all.push(fact);
    return fact;
  };
  const when = (at?: number): Partial<Fact> => (at === undefined ? {} : { at });
  return {
    all,
    lesson: (userid: string, n: number, at?: number) => make('lesson', { userid, num: n, ...when(at) }),
    session: (name: string, at?: number) => make('session', { ref: name, ...when(at) }),
    checkin: (userid: string, session: string, at?: number) => make('checkin', { userid, ref: session, actor: userid, ...when(at) }),
    exam: (userid: string, score: number, name = 'final', at?: number) => make('exam', { userid, num: score, ref: name, ...when(at) }),
    points: (type: 'project' | 'practice' | 'participation', userid: string, n: number, at?: number) =>
      make(type, { userid, num: n, ...when(at) }),
    assignment: (ref: string, tag: string | null = null) => make('assignment', { ref, text: tag }),
    submission: (userid: string, ref: string, at?: number) => make('submission', { userid, ref, text: 'https://example.com', actor: userid, ...when(at) }),
    grade: (userid: string, ref: string, score: number, at?: number) => make('grade', { userid, ref, num: score, ...when(at) }),
    review: (author: string, ref: string, reviewer: string, score: number, at?: number) =>
      make('review', { userid: author, ref, num: score, actor: reviewer, ...when(at) }),
    revoke: (target: number, at?: number) => make('revoke', { revokes: target, text: '录错了', ...when(at) }),
    weights: (weights: Record<string, number>, at?: number) => make('weights', { text: JSON.stringify(weights), ...when(at) }),
  };
}

export const learners = (...ids: string[]) => ids.map((userid) => ({ userid, name: `学员${userid}`, team: null }));
