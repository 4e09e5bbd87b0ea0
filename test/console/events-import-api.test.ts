/**
 * Events imports from the console: `camp-bot events import` on an uploaded file, in the background, polled until done;
 * all-or-nothing with every bad row by line, and a re-import records nothing new.
 */
import { setTimeout as delay } from 'node:timers/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ImportJob } from '../../src/console/api-types.js';
import { createImportJob } from '../../src/db/import-jobs.js';
import { CAMP_ID } from '../support/camp-fixture.js';
import { upload } from '../support/console-files.js';
import { camp, startConsoleFixture, type ConsoleFixture } from '../support/console-fixture.js';

let f: ConsoleFixture;
beforeEach(async () => {
  f = await startConsoleFixture();
});
afterEach(() => f.close());

const HEADER = 'type,userid,value,at,ref,actor,note';

async function imported(csv: string): Promise<ImportJob> {
  const started = await f.as('zhao').post(camp('/imports'), { file: upload('scores.csv', csv) });
  expect([started.status, started.body.state, started.body.total]).toEqual([202, 'checking', csv.trim().split('\n').length - 1]);
  for (let i = 0; i < 200; i += 1) {
    const job = (await f.as('zhang').get(camp(`/imports/${started.body.id}`))).body as ImportJob;
    if (job.state === 'done' || job.state === 'failed') return job;
    await delay(25);
  }
  throw new Error('the import did not finish');
}

describe('POST /imports', () => {
  it('records a good file, and nothing new when the same file comes again', async () => {
    const csv = `${HEADER}\nexam,ming,88,2026-11-20T10:00+08:00,week1,,\nproject,hong,3,2026-11-20T11:00+08:00,,,里程碑\n`;
    const first = await f.delta(() => imported(csv));
    expect(first.result).toMatchObject({ state: 'done', processed: 2, total: 2, recorded: 2, duplicates: 0, error: null, lines: [] });
    expect(first.added).toMatchObject([{ type: 'exam', userid: 'ming', num: 88, source: 'import' }, { type: 'project', userid: 'hong', num: 3 }]);
    const again = await f.delta(() => imported(csv));
    expect([again.result.recorded, again.result.duplicates, again.added]).toEqual([0, 2, []]);
  });

  it('fails a file with bad rows as a whole, listing each bad row by line', async () => {
    const csv = `${HEADER}\nexam,ming,101,2026-11-20T10:00+08:00,,,\nexam,hong,90,2026-11-20T10:00+08:00,,,\nlesson,nobody,1,2026-11-20T10:00+08:00,,,\n`;
    const failed = await f.delta(() => imported(csv));
    expect([failed.result.state, failed.result.processed, failed.result.total]).toEqual(['failed', 3, 3]);
    expect(failed.result.lines.map((l) => l.line)).toEqual([2, 4]);
    expect(failed.added).toEqual([]);
  });

  it('refuses a file whose header cannot be read before starting', async () => {
    const refused = await f.as('zhao').post(camp('/imports'), { file: upload('scores.csv', 'who,what\nming,88\n') });
    expect([refused.status, refused.body.error]).toEqual([400, '表头缺少 type, userid, value, at（应为 type,userid,value,at,ref,actor,note）']);
    expect((await f.as('zhao').get(camp('/imports/imp-000000000000'))).status).toBe(404);
  });

  it('shows a job whose instance stopped mid-way as failed, after a quarter of an hour without progress', async () => {
    const now = f.deps.now();
    await createImportJob(f.store, {
      id: 'imp-abandoned0001', campId: CAMP_ID, state: 'recording', processed: 10, total: 20, recorded: 0, duplicates: 0,
      error: null, lines: '[]', startedBy: 'zhao', createdAt: now, updatedAt: now,
    });
    const read = async () => (await f.as('zhao').get(camp('/imports/imp-abandoned0001'))).body as ImportJob;
    f.advance(14 * 60_000);
    expect((await read()).state).toBe('recording');
    f.advance(60_000);
    expect(await read()).toMatchObject({ state: 'failed', error: '导入中断了：处理它的服务已停止，没有导入任何内容，请重新上传' });
  });
});
