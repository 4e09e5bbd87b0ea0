import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { captureIo } from '../support/capture-io.js';
import { useSeededCampDatabase } from './insight-db-fixture.js';

describe('camp-bot stats', () => {
  useSeededCampDatabase();

  it('prints every statistic as JSON from the ledger', async () => {
    const io = captureIo();
    expect(await main(['stats', 't1', '--json'], io)).toBe(0);
    const report = JSON.parse(io.stdout.join('\n'));
    expect(report.asOf).toBe('2026-11-10T16:00:00.000Z');
    expect(report.winnersSource).toBe('preview');
    const byDepartment = Object.fromEntries(report.stats.byDepartment.map((g: { key: string }) => [g.key, g]));
    // 研发: a1 52 + a2 94; 市场: a3 23 + a4 56. Winners: a2, a4 (all-round), a1 (best-practice), a3 (user-research).
    expect(byDepartment['研发']).toMatchObject({ learners: 2, meanComposite: 73, winners: 2 });
    expect(byDepartment['市场']).toMatchObject({ learners: 2, meanComposite: 39.5, winners: 2 });
    expect(report.stats.byTenure.map((g: { key: string; learners: number }) => [g.key, g.learners])).toEqual([['new', 2], ['veteran', 1], ['unknown', 1]]);
    const days = Object.fromEntries(report.stats.participationByDay.map((d: { date: string; points: number }) => [d.date, d.points]));
    expect(days).toMatchObject({ '2026-11-08': 2, '2026-11-09': 1, '2026-11-10': 0 });
    const share = Object.fromEntries(report.stats.assessedShare.map((c: { metric: string; share: number }) => [c.metric, c.share]));
    // The revoked project points of a3 leave them without project data.
    expect(share).toMatchObject({ completion: 1, project: 0.75, practice: 0.25, 'assignment:user-research': 0.5 });
    const projected = Object.fromEntries(report.projections.map((p: { userid: string; projected: number }) => [p.userid, p.projected]));
    expect(projected).toEqual({ a2: 94, a4: 91, a1: 94, a3: 39 });
    expect(report.atRisk).toEqual([]); // a3 holds the user-research award
  });

  it('prints a readable Chinese summary, and refuses an unknown camp', async () => {
    const io = captureIo();
    expect(await main(['stats', 't1'], io)).toBe(0);
    const text = io.stdout.join('\n');
    expect(text).toContain('学员 4 人，平均综合分 56.25');
    expect(text).toContain('研发 2 人，平均 73.00，获奖 2 人');
    expect(text).toContain('【预计结业综合分】');
    const earlier = captureIo();
    expect(await main(['stats', 't1', '--json', '--at', '2026-11-06T00:00'], earlier)).toBe(0);
    expect(JSON.parse(earlier.stdout.join('\n')).asOf).toBe('2026-11-05T16:00:00.000Z');
    expect(await main(['stats', 't1', '--at', 'yesterday'], captureIo())).toBe(2);
    const missing = captureIo();
    expect(await main(['stats', 'nope'], missing)).toBe(1);
    expect(missing.stderr[0]).toContain('nope');
  });
});
