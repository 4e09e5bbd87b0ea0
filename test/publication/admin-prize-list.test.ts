import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import type { PublishedWinner } from '../../src/db/publication-record.js';
import { prizeListCsv } from '../../src/publication/admin-prize-list.js';

const winner = (name: string, value: number): PublishedWinner => ({
  award: 'all-round', awardName: '全能优秀学员奖', userid: 'u1', name, team: null, rank: 1, value, prize: '=1+1', certificate: 'C-1',
});

describe('prizeListCsv', () => {
  it('writes names Excel would run as formulas with a leading quote, scores as numbers with 2 decimals', () => {
    const csv = prizeListCsv({ asOf: '', campName: '营', warnings: [], supersedes: null, winners: [
      winner('=HYPERLINK("https://evil.example/x","点我")', -3), winner('张三', 94.5),
    ] });
    const rows = parse(csv.toString('utf8'), { bom: true }) as string[][];
    expect(rows.slice(1)).toEqual([
      ['all-round', '全能优秀学员奖', 'u1', `'=HYPERLINK("https://evil.example/x","点我")`, '', '1', '-3.00', "'=1+1", 'C-1'],
      ['all-round', '全能优秀学员奖', 'u1', '张三', '', '1', '94.50', "'=1+1", 'C-1'],
    ]);
  });
});
