/** The admins' console API: camp files (like `camp apply`), rosters (like `roster import`), exports, prizes, cases. */
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadCamp } from '../../src/db/camp-store.js';
import { rosterOf } from '../../src/db/roster-store.js';
import { CAMP_ID, sampleCampYaml } from '../support/camp-fixture.js';
import { upload } from '../support/console-files.js';
import { camp, startConsoleFixture, type ConsoleFixture } from '../support/console-fixture.js';

let f: ConsoleFixture;
beforeEach(async () => {
  f = await startConsoleFixture();
});
afterEach(() => f.close());

describe('camp files', () => {
  it('checks a file in a dry run (nothing applied), applies it like `camp apply`, then shows it as applied', async () => {
    expect((await f.as('zhao').get(camp('/camp-file'))).status).toBe(404);
    const metrics = '{ completion: { weight: 20 }, exam: { weight: 25 }, assignment: { weight: 25 }, project: { weight: 20, target: 20 }, practice: { weight: 10 } }';
    const yaml = sampleCampYaml(Date.now(), `metrics: ${metrics}\n`);
    const dry = await f.delta(() => f.as('zhao').put(camp('/camp-file'), { yaml, dryRun: true }));
    expect(dry.result.body).toEqual({ id: CAMP_ID, created: false, applied: false, changes: expect.arrayContaining(['修改 metrics.exam.weight: 30 → 25']) });
    expect((await loadCamp(f.store, CAMP_ID))!.metrics.exam.weight).toBe(30);
    const applied = await f.as('zhao').put(camp('/camp-file'), { yaml });
    expect(applied.body).toMatchObject({ applied: true, changes: expect.arrayContaining(['修改 metrics.project.weight: 15 → 20']) });
    expect((await loadCamp(f.store, CAMP_ID))!.metrics.exam.weight).toBe(25);
    expect((await f.as('zhang').get(camp('/camp-file'))).body).toEqual({ yaml, updatedAt: expect.any(String) });
  });

  it('lists every problem by key path, and refuses another camp’s id; nothing applied', async () => {
    const before = await f.state();
    const bad = await f.as('zhao').put(camp('/camp-file'), { yaml: sampleCampYaml(Date.now(), 'metrics:\n  exam: { weight: 35 }\nshuffle: true\n') });
    expect(bad.status).toBe(400);
    expect(bad.body.issues).toEqual(expect.arrayContaining([expect.objectContaining({ path: 'shuffle' })]));
    const other = await f.as('zhao').put(camp('/camp-file'), { yaml: sampleCampYaml().replace(`id: ${CAMP_ID}`, 'id: other') });
    expect([other.status, other.body.issues]).toEqual([400, [{ path: 'id', message: `不能改营 id（应为 ${CAMP_ID}）` }]]);
    expect(await f.state()).toEqual(before);
  });

  it('creates a camp for an admin who names themself in it (201), refuses an existing id (409) or leaving oneself out (400)', async () => {
    const yaml = sampleCampYaml().replace(`id: ${CAMP_ID}`, 'id: new-camp').replace(/chats: .*\n/, '');
    const created = await f.as('zhao').post('/api/camps', { yaml });
    expect([created.status, created.body]).toEqual([201, { id: 'new-camp', created: true, applied: true, changes: expect.any(Array) }]);
    expect((await f.as('zhao').get('/api/me')).body.camps.map((c: { id: string }) => c.id)).toEqual([CAMP_ID, 'new-camp']);
    expect((await f.as('zhao').post('/api/camps', { yaml })).status).toBe(409);
    const without = await f.as('zhao').post('/api/camps', { yaml: yaml.replace('id: new-camp', 'id: third').replace('admins: { users: [zhao] }', '') });
    expect([without.status, without.body.issues[0].path]).toEqual([400, 'admins']);
    expect(await loadCamp(f.store, 'third')).toBeNull();
  });
});

describe('rosters', () => {
  const header = 'userid,name,department,team,role,joined';

  it('refuses a file with bad rows by line, previews the fixed one without storing it, then applies it', async () => {
    const before = await rosterOf(f.store, CAMP_ID);
    const bad = await f.as('zhao').post(camp('/roster/preview'), { file: upload('roster.csv', `${header}\nming,小明,研发部,A,student,\n,无名,研发部,A,learner,\n`) });
    expect(bad.status).toBe(400);
    expect(bad.body.lines.map((l: { line: number }) => l.line)).toEqual([2, 3]);
    const fixed = `${header}\nming,小明,产品部,B,learner,\nnew1,新同学,研发部,A,learner,2026-10-01\nhong,小红,,A,learner,\n`;
    const preview = (await f.as('zhao').post(camp('/roster/preview'), { file: upload('roster.csv', fixed) })).body;
    expect(preview).toEqual({
      rows: 3,
      added: [{ userid: 'new1', name: '新同学', department: '研发部', team: 'A', role: 'learner', joined: '2026-10-01' }],
      changed: [
        { userid: 'ming', name: '小明', role: 'learner', field: 'department', from: '研发部', to: '产品部' },
        { userid: 'ming', name: '小明', role: 'learner', field: 'team', from: 'A', to: 'B' },
      ],
      unchanged: 1,
    });
    expect(await rosterOf(f.store, CAMP_ID)).toEqual(before);
    expect((await f.as('zhao').put(camp('/roster'), { file: upload('roster.csv', fixed) })).body).toEqual(preview);
    const people = (await f.as('zhang').get(camp('/roster'))).body.people;
    expect(people).toContainEqual({ userid: 'new1', name: '新同学', department: '研发部', team: 'A', role: 'learner', joined: '2026-10-01' });
    expect(people).toContainEqual(expect.objectContaining({ userid: 'ming', department: '产品部', team: 'B' }));
    expect((await f.as('zhao').post(camp('/roster/preview'), { file: upload('roster.csv', fixed) })).body).toMatchObject({ added: [], changed: [], unchanged: 3 });
  });

  it('reads an XLSX roster too', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('名单');
    sheet.addRow(header.split(','));
    sheet.addRow(['x1', '表格同学', '市场部', 'C', 'learner', '']);
    const file = upload('roster.xlsx', Buffer.from(await workbook.xlsx.writeBuffer()));
    expect((await f.as('zhao').post(camp('/roster/preview'), { file })).body.added).toMatchObject([{ userid: 'x1', name: '表格同学', team: 'C' }]);
  });
});

describe('exports, prizes and cases', () => {
  it('downloads the workbook and one table as CSV with a BOM', async () => {
    const xlsx = await fetch(f.baseUrl + camp('/export?format=xlsx'), { headers: { cookie: f.as('zhao').cookie } });
    expect(xlsx.headers.get('content-disposition')).toBe(`attachment; filename="${CAMP_ID}.xlsx"`);
    expect(Buffer.from(await xlsx.arrayBuffer()).subarray(0, 2).toString()).toBe('PK');
    const csv = await fetch(f.baseUrl + camp('/export?format=csv&table=awards'), { headers: { cookie: f.as('zhang').cookie } });
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const bytes = Buffer.from(await csv.arrayBuffer());
    expect(bytes.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(bytes.toString('utf8').slice(1).split('\n')[0]).toBe('奖项ID,奖项,userid,姓名,团队,名次,成绩,奖品,证书编号,状态');
    expect((await f.as('zhao').get(camp('/export?format=pdf'))).status).toBe(400);
  });

  it('lists the published prizes and records a hand-over like /prize claimed, once', async () => {
    await f.close();
    f = await startConsoleFixture({ campYaml: sampleCampYaml(Date.now(), 'prizes: { all-round: 定制奖杯 }\n') });
    expect((await f.as('zhao').get(camp('/prizes'))).body).toEqual([]);
    await f.app('zhang', '/lesson @小明 1');
    await f.app('zhang', '/score exam @小明 95');
    await f.as('zhang').post(camp('/awards/publish'));
    const [row] = (await f.as('zhao').get(camp('/prizes'))).body;
    expect(row).toEqual({ award: 'all-round', awardName: '全能优秀学员奖', prize: '定制奖杯', userid: 'ming', name: '小明', team: 'A', department: '研发部', claimed: null });
    const claim = await f.delta(() => f.as('zhao').post(camp('/prizes/claims'), { userid: 'ming', award: 'all-round' }));
    expect(claim.added).toMatchObject([{ type: 'prize_claimed', userid: 'ming', ref: 'all-round', actor: 'zhao', source: 'command' }]);
    expect((await f.as('zhao').get(camp('/prizes'))).body[0].claimed).toEqual({ at: expect.any(String), by: '赵行政', event: claim.added[0]!.id });
    const twice = await f.delta(() => f.as('zhang').post(camp('/prizes/claims'), { userid: 'ming', award: 'all-round' }));
    expect([twice.result.status, twice.added]).toEqual([409, []]);
    const none = await f.delta(() => f.as('zhao').post(camp('/prizes/claims'), { userid: 'hong', award: 'all-round' }));
    expect([none.result.status, none.added]).toEqual([400, []]);
  });

  it('records a practice case like /case; managers list their own, trainers all', async () => {
    const recorded = await f.delta(() => f.as('wang').post(camp('/cases'), { userid: 'ming', description: '用提示词模板写周报' }));
    expect(recorded.added).toMatchObject([{ type: 'practice', userid: 'ming', num: 1, note: '用提示词模板写周报', actor: 'wang', source: 'command' }]);
    await f.as('zhang').post(camp('/cases'), { userid: 'hong', description: '老师记录的案例' });
    expect((await f.as('wang').get(camp('/cases'))).body).toEqual([
      { event: recorded.added[0]!.id, userid: 'ming', name: '小明', description: '用提示词模板写周报', actor: '王经理', at: expect.any(String), revoked: false },
    ]);
    expect((await f.as('zhang').get(camp('/cases'))).body.map((c: { userid: string }) => c.userid)).toEqual(['hong', 'ming']);
    const notLearner = await f.delta(() => f.as('wang').post(camp('/cases'), { userid: 'zhao', description: 'x' }));
    expect([notLearner.result.status, notLearner.added]).toEqual([400, []]);
  });
});
