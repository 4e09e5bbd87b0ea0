import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { transaction } from '../../src/db/db.js';
import { insertPublication, saveResult } from '../../src/db/publication-store.js';
import { captureIo } from '../support/capture-io.js';
import { DB_NOW, useSeededCampDatabase } from '../insight/insight-db-fixture.js';
import { testEngine } from '../support/test-store.js';

type Values = ExcelJS.CellValue[];

async function readSheets(file: string): Promise<Record<string, Values[]>> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  const sheets: Record<string, Values[]> = {};
  workbook.eachSheet((sheet) => {
    const rows: Values[] = [];
    sheet.eachRow((row) => rows.push((row.values as Values).slice(1)));
    sheets[sheet.name] = rows;
  });
  return sheets;
}

describe(`camp-bot export (${testEngine()})`, () => {
  const seeded = useSeededCampDatabase();
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'camp-bot-export-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('writes an XLSX with the standings, the awards preview and the prize hand-over', async () => {
    const out = join(dir, 'camp.xlsx');
    const io = captureIo();
    expect(await main(['export', 't1', '--format', 'xlsx', '--out', out], io)).toBe(0);
    expect(io.stdout[0]).toContain(out);
    const sheets = await readSheets(out);
    expect(Object.keys(sheets)).toEqual(['排名', '奖项', '领奖']);
    const [header, ...rows] = sheets['排名']!;
    expect(header!.slice(0, 9)).toEqual(['排名', 'userid', '姓名', '部门', '团队', '综合分', '可参评', '完课（原始值）', '完课（标准分）']);
    expect(header).toContain('用户研究（标准分）');
    const col = (name: string): number => header!.indexOf(name);
    expect(rows.map((r) => [r[0], r[1], r[2], r[col('综合分')]])).toEqual([
      [1, 'a2', '李四', 94], [2, 'a4', '赵六', 56], [3, 'a1', '张三', 52], [4, 'a3', '王五', 23],
    ]);
    const a1 = rows.find((r) => r[1] === 'a1')!;
    expect([a1[col('项目（原始值）')], a1[col('项目（标准分）')], a1[col('实践（原始值）')], a1[col('用户研究（原始值）')]]).toEqual([6, 30, 3, 40]);
    expect(sheets['奖项']!.slice(1).map((r) => [r[0], r[2], r[3], r[9]])).toEqual([
      ['all-round', 'a2', '李四', '预览（未发布）'],
      ['all-round', 'a4', '赵六', '预览（未发布）'],
      ['best-practice', 'a1', '张三', '预览（未发布）'],
      ['user-research', 'a3', '王五', '预览（未发布）'],
    ]);
    expect(sheets['领奖']![0]).toEqual(['奖项ID', '奖项', 'userid', '姓名', '奖品', '领取状态', '登记人', '登记时间']);
    expect(sheets['领奖']!.slice(1).map((r) => [r[2], r[5], r[6] ?? null, r[7] ?? null])).toEqual([
      ['a2', '已领取', 'teacher', '2026-11-10 15:00'],
      ['a4', '未领取', null, null],
      ['a1', '未领取', null, null],
      ['a3', '未领取', null, null],
    ]);
  });

  it('exports the published awards with their certificates once published', async () => {
    const store = await seeded.db.open();
    const id = await transaction(store, async (tx) => {
      const inserted = await insertPublication(tx, { campId: 't1', asOf: DB_NOW, publishedAt: DB_NOW, publishedBy: 'teacher', inputsHash: 'x' });
      await saveResult(tx, inserted, {
        asOf: new Date(DB_NOW).toISOString(), campName: '测试结业营', warnings: [], supersedes: null,
        winners: [{ award: 'all-round', awardName: '全能优秀学员奖', userid: 'a2', name: '李四', team: null, rank: 1, value: 94, prize: null, certificate: 'CODE-1' }],
      });
      return inserted;
    });
    await store.close();
    const out = join(dir, 'published.xlsx');
    expect(await main(['export', 't1', '--format', 'xlsx', '--out', out], captureIo())).toBe(0);
    const awards = (await readSheets(out))['奖项']!;
    expect(awards.slice(1).map((r) => [r[2], r[6], r[8], r[9]])).toEqual([['a2', 94, 'CODE-1', `已发布 #${id}`]]);
  });

  it('writes CSV: standings in the file, awards and prizes beside it, with a BOM for Excel', async () => {
    const out = join(dir, 'camp.csv');
    expect(await main(['export', 't1', '--format', 'csv', '--out', out], captureIo())).toBe(0);
    const text = readFileSync(out, 'utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const standings = parse(text, { bom: true }) as string[][];
    expect(standings[0]!.slice(0, 6)).toEqual(['排名', 'userid', '姓名', '部门', '团队', '综合分']);
    expect(standings.slice(1).map((r) => [r[1], r[5]])).toEqual([['a2', '94'], ['a4', '56'], ['a1', '52'], ['a3', '23']]);
    const awards = parse(readFileSync(join(dir, 'camp-awards.csv'), 'utf8'), { bom: true }) as string[][];
    expect(awards.map((r) => r[2])).toEqual(['userid', 'a2', 'a4', 'a1', 'a3']);
    expect(existsSync(join(dir, 'camp-prizes.csv'))).toBe(true);
  });

  it('rejects bad usage with exit 2', async () => {
    expect(await main(['export', 't1', '--format', 'pdf', '--out', 'x.pdf'], captureIo())).toBe(2);
    expect(await main(['export', 't1', '--format', 'csv'], captureIo())).toBe(2);
  });
});
