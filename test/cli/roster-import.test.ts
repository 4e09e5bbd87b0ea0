import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { rosterOf } from '../../src/db/roster-store.js';
import { captureIo } from '../support/capture-io.js';
import { gbkBytes } from '../support/gbk-bytes.js';
import { sharedTestDb, type SharedTestDb } from '../support/shared-test-db.js';

const CAMP = 'id: c1\nname: 名单营\nstarts: 2026-11-02\nends: 2026-12-04\ntrainers: [teacher]\n';
const CSV = [
  'userid,name,department,team,role,joined',
  'u1,张三,研发部,A,learner,2024-03-01',
  'u2,李四,产品部,A,,',
  '"u3","王 五",研发部,B,learner,',
  'teacher,赵老师,培训部,,trainer,',
  '',
].join('\n');

describe('camp-bot roster import', () => {
  let temp: SharedTestDb;
  const path = (name: string): string => join(temp.dir, name);
  const roster = async () => rosterOf(await temp.open(), 'c1');
  beforeEach(async () => {
    temp = await sharedTestDb();
    writeFileSync(path('camp.yaml'), CAMP);
    expect(await main(['camp', 'apply', path('camp.yaml')], captureIo())).toBe(0);
  });
  afterEach(() => temp.cleanup());

  it('imports a CSV roster', async () => {
    writeFileSync(path('roster.csv'), '\uFEFF' + CSV);
    const io = captureIo();
    expect(await main(['roster', 'import', 'c1', path('roster.csv')], io)).toBe(0);
    expect(io.stdout[0]).toContain('4 行');
    expect(await roster()).toEqual([
      { userid: 'teacher', name: '赵老师', team: null, department: '培训部', joined: null, roles: ['trainer'] },
      { userid: 'u1', name: '张三', team: 'A', department: '研发部', joined: '2024-03-01', roles: ['learner'] },
      { userid: 'u2', name: '李四', team: 'A', department: '产品部', joined: null, roles: ['learner'] },
      { userid: 'u3', name: '王 五', team: 'B', department: '研发部', joined: null, roles: ['learner'] },
    ]);
  });

  it('reads a CSV saved by Excel on Chinese Windows (GBK) without garbling the names', async () => {
    writeFileSync(path('roster.csv'), gbkBytes(CSV));
    const io = captureIo();
    expect(await main(['roster', 'import', 'c1', path('roster.csv')], io)).toBe(0);
    expect((await roster()).map((r) => [r.userid, r.name, r.department])).toEqual([
      ['teacher', '赵老师', '培训部'], ['u1', '张三', '研发部'], ['u2', '李四', '产品部'], ['u3', '王 五', '研发部'],
    ]);
  });

  it('reads a UTF-16 CSV (Excel\'s "Unicode text") by its BOM', async () => {
    writeFileSync(path('roster.csv'), Buffer.from('\uFEFF' + CSV, 'utf16le'));
    expect(await main(['roster', 'import', 'c1', path('roster.csv')], captureIo())).toBe(0);
    expect((await roster()).find((r) => r.userid === 'u2')?.name).toBe('李四');
  });

  it('refuses a file that is neither UTF-8 nor GB18030 in one line, storing nothing', async () => {
    const latin = Buffer.from('userid,name\nu1,ok\nu2,Ren\xe9e\n', 'latin1');
    writeFileSync(path('roster.csv'), Buffer.concat([latin, Buffer.from([0xff, 0xff, 0x0a])]));
    const io = captureIo();
    expect(await main(['roster', 'import', 'c1', path('roster.csv')], io)).toBe(1);
    expect(io.stderr).toEqual([
      'camp-bot: 无法识别文件编码：第 3 行不是有效的 UTF-8，第 4 行不是有效的 GB18030/GBK（混用了编码，或不是文本文件）；请另存为 UTF-8（Excel：「CSV UTF-8（逗号分隔）」）后再导入',
    ]);
    expect((await roster()).map((r) => r.userid)).toEqual(['teacher']);
  });

  it('imports an XLSX roster, dates included', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('名单');
    sheet.addRow(['userid', 'name', 'department', 'team', 'role', 'joined']);
    sheet.addRow(['u1', '张三', '研发部', 'A', 'learner', new Date(Date.UTC(2024, 2, 1))]);
    sheet.addRow(['u9', '钱九', '销售部', 7, 'manager', '']);
    await workbook.xlsx.writeFile(path('roster.xlsx'));
    expect(await main(['roster', 'import', 'c1', path('roster.xlsx')], captureIo())).toBe(0);
    expect((await roster()).filter((r) => r.userid !== 'teacher')).toEqual([
      { userid: 'u1', name: '张三', team: 'A', department: '研发部', joined: '2024-03-01', roles: ['learner'] },
      { userid: 'u9', name: '钱九', team: null, department: '销售部', joined: null, roles: ['manager'] },
    ]);
  });

  it('rejects the whole file, naming every bad line', async () => {
    writeFileSync(path('bad.csv'), [
      'userid,name,department,team,role,joined', 'u1,张三,研发部,A,learner,', ',无名,,,,', 'u2,李四,,,boss,', 'u3,王五,,,,2024-02-30', 'u1,张三,研发部,A,learner,',
    ].join('\n'));
    const io = captureIo();
    expect(await main(['roster', 'import', 'c1', path('bad.csv')], io)).toBe(1);
    const lines = io.stderr.join('\n');
    for (const line of [3, 4, 5, 6]) expect(lines).toContain(`line ${line}:`);
    expect(lines).not.toContain('line 2:');
    expect((await roster()).map((r) => r.userid)).toEqual(['teacher']);
  });

  it('refuses an unknown camp', async () => {
    writeFileSync(path('roster.csv'), CSV);
    const io = captureIo();
    expect(await main(['roster', 'import', 'nope', path('roster.csv')], io)).toBe(1);
    expect(io.stderr[0]).toContain('找不到训练营 nope');
  });
});
