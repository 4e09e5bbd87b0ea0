import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeStandings } from '../../src/scoring/compute-standings.js';
import type { Fact } from '../../src/scoring/fact.js';
import { selectAwards } from '../../src/scoring/select-awards.js';
import { learners, MINUTE, T0, testCamp } from './fact-maker.js';
import { standingsOf } from './standings-maker.js';

const config = testCamp(
  [
    'metrics:',
    '  completion: { weight: 15 }',
    '  attendance: { weight: 15 }',
    '  exam: { weight: 20 }',
    '  assignment: { weight: 20, minPeerReviews: 2 }',
    '  project: { weight: 10, target: 20 }',
    '  practice: { weight: 10, target: 3 }',
    '  participation: { weight: 10, target: 30 }',
    'awards:',
    '  - { id: ux, name: 用户研究奖, rank: "assignment:ux", top: 1 }',
  ].join('\n'),
);
const people = learners('u0', 'u1', 'u2', 'u3', 'u4');
const ASOF = T0 + 5 * MINUTE;

const userid = fc.constantFrom('u0', 'u1', 'u2', 'u3', 'u4', 'ghost');
const assignment = fc.constantFrom('a1', 'a2', 'a3');
const score = fc.integer({ min: 0, max: 100 });
type Partial = Pick<Fact, 'type'> & { userid?: string; num?: number; ref?: string; text?: string | null; actor?: string };

const partialFact: fc.Arbitrary<Partial> = fc.oneof(
  fc.record({ type: fc.constant('lesson' as const), userid, num: fc.integer({ min: 0, max: 12 }) }),
  fc.record({ type: fc.constant('session' as const), ref: fc.constantFrom('s1', 's2', 's3') }),
  fc.record({ type: fc.constant('checkin' as const), userid, ref: fc.constantFrom('s1', 's2', 's3') }),
  fc.record({ type: fc.constant('exam' as const), userid, num: score, ref: fc.constantFrom('final', 'mid') }),
  fc.record({ type: fc.constantFrom('project' as const, 'practice' as const, 'participation' as const), userid, num: fc.integer({ min: -5, max: 30 }) }),
  fc.record({ type: fc.constant('assignment' as const), ref: assignment, text: fc.constantFrom(null, 'ux', 'data') }),
  fc.record({ type: fc.constant('submission' as const), userid, ref: assignment }),
  fc.record({ type: fc.constant('grade' as const), userid, ref: assignment, num: score }),
  fc.record({ type: fc.constant('review' as const), userid, ref: assignment, num: score, actor: userid }),
);

const factsArb: fc.Arbitrary<Fact[]> = fc
  .array(fc.tuple(partialFact, fc.integer({ min: 0, max: 6 })), { maxLength: 60 })
  .map((list) =>
    list.map(([partial, minute], i): Fact => ({
      id: i + 1,
      userid: null,
      num: null,
      text: null,
      ref: null,
      actor: 'trainer',
      at: T0 + minute * MINUTE,
      revokes: null,
      ...partial,
    })),
  );

const standingsFor = (facts: readonly Fact[]) => computeStandings({ config, learners: people, facts, asOf: ASOF });

describe('scoring properties', () => {
  it('does not depend on the order facts arrive in', () => {
    const withOrder = factsArb.chain((facts) =>
      fc.tuple(fc.constant(facts), fc.array(fc.double({ noNaN: true }), { minLength: facts.length, maxLength: facts.length })),
    );
    fc.assert(
      fc.property(withOrder, ([facts, keys]) => {
        const shuffled = facts.map((fact, i) => [keys[i] ?? 0, fact] as const).sort((a, b) => a[0] - b[0]).map(([, fact]) => fact);
        expect(standingsFor(shuffled)).toEqual(standingsFor(facts));
      }),
      { numRuns: 200 },
    );
  });

  it('treats a revoked fact as if it had never been recorded', () => {
    const withTarget = factsArb.filter((facts) => facts.length > 0).chain((facts) => fc.tuple(fc.constant(facts), fc.nat(facts.length - 1)));
    fc.assert(
      fc.property(withTarget, ([facts, index]) => {
        const target = facts[index]!;
        const revoke: Fact = { id: facts.length + 1, type: 'revoke', userid: null, num: null, text: '撤销', ref: null, actor: 'trainer', at: T0, revokes: target.id };
        expect(standingsFor([...facts, revoke])).toEqual(standingsFor(facts.filter((fact) => fact !== target)));
      }),
      { numRuns: 200 },
    );
  });

  it('never lowers a learner’s composite when one of their metrics rises', () => {
    const seeds = (base: number): Fact[] =>
      (['project', 'practice', 'participation', 'lesson'] as const).map((type, i) => ({
        id: base + i, type, userid: 'u4', num: type === 'lesson' ? 1 : 0, text: null, ref: null, actor: 'trainer', at: T0, revokes: null,
      }));
    const raise = fc.record({
      who: fc.constantFrom('u0', 'u1', 'u2', 'u3', 'u4'),
      type: fc.constantFrom('project' as const, 'practice' as const, 'participation' as const, 'lesson' as const),
      num: fc.integer({ min: 1, max: 10 }),
    });
    fc.assert(
      fc.property(factsArb, raise, (facts, { who, type, num }) => {
        const base = [...facts, ...seeds(1000)];
        const extra: Fact = { id: 2000, type, userid: who, num, text: null, ref: null, actor: 'trainer', at: T0, revokes: null };
        const before = standingsFor(base).rows.find((row) => row.userid === who)!.composite;
        const after = standingsFor([...base, extra]).rows.find((row) => row.userid === who)!.composite;
        expect(after).toBeGreaterThanOrEqual(before);
      }),
      { numRuns: 200 },
    );
  });

  it('gives `top: N` to at least min(N, population) learners, all from the population', () => {
    const rowsArb = fc.array(fc.record({ composite: fc.integer({ min: 0, max: 20 }).map((n) => n * 5), eligible: fc.boolean() }), { maxLength: 30 });
    fc.assert(
      fc.property(rowsArb, fc.integer({ min: 1, max: 10 }), (specs, n) => {
        const rows = Object.fromEntries(specs.map((spec, i) => [`u${i}`, spec]));
        const standings = standingsOf(rows);
        const camp = testCamp(`awards:\n  - { id: top, name: 前${n}名, rank: composite, top: ${n} }`);
        const { winners } = selectAwards({ config: camp, standings, standingsAt: () => standings });
        const population = standings.rows.filter((row) => row.eligible && row.composite > 0).map((row) => row.userid);
        expect(winners.length).toBeGreaterThanOrEqual(Math.min(n, population.length));
        for (const winner of winners) expect(population).toContain(winner.userid);
      }),
      { numRuns: 300 },
    );
  });

  it('matches a plain reference implementation of rank awards with ties, percents and tie-breaks', () => {
    const rowsArb = fc.array(
      fc.record({ composite: fc.integer({ min: 0, max: 6 }).map((n) => n * 10), practice: fc.integer({ min: 0, max: 4 }), eligible: fc.boolean() }),
      { maxLength: 40 },
    );
    const topArb = fc.oneof(fc.integer({ min: 1, max: 8 }).map(String), fc.integer({ min: 1, max: 60 }).map((p) => `${p}%`));
    fc.assert(
      fc.property(rowsArb, topArb, fc.boolean(), (specs, top, tieBreak) => {
        const rows = Object.fromEntries(specs.map((spec, i) => [`u${String(i).padStart(2, '0')}`, { composite: spec.composite, eligible: spec.eligible, raw: { practice: spec.practice } }]));
        const standings = standingsOf(rows);
        const camp = testCamp(`awards:\n  - { id: p, name: 实践奖, rank: practice, top: "${top}"${tieBreak ? ', tieBreak: composite' : ''} }`);
        const got = selectAwards({ config: camp, standings, standingsAt: () => standings }).winners.map((w) => [w.userid, w.rank]);

        const population = standings.rows
          .filter((row) => row.eligible && (row.metrics.practice?.raw ?? 0) > 0)
          .map((row) => ({ id: row.userid, v: row.metrics.practice?.raw ?? 0, t: tieBreak ? row.composite : 0 }));
        const k = top.endsWith('%') ? Math.max(1, Math.ceil((population.length * Number(top.slice(0, -1))) / 100)) : Number(top);
        const expected = population
          .map((p) => ({ ...p, rank: 1 + population.filter((q) => q.v > p.v || (q.v === p.v && q.t > p.t)).length }))
          .filter((p) => p.rank <= k)
          .sort((a, b) => a.rank - b.rank || (a.id < b.id ? -1 : 1))
          .map((p) => [p.id, p.rank]);
        expect(got).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });
});
