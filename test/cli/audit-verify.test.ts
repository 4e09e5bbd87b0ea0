import { join } from 'node:path';
import Sqlite from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { appendEvent } from '../../src/db/ledger.js';
import { openDatabase } from '../../src/db/open-database.js';
import { captureIo } from '../support/capture-io.js';
import { tempDbFile } from '../support/temp-db-file.js';

describe('camp-bot audit verify and backup', () => {
  let temp: ReturnType<typeof tempDbFile>;
  beforeEach(() => {
    temp = tempDbFile();
    const database = openDatabase(temp.file);
    for (const [i, userid] of ['u1', 'u2', 'u3'].entries()) {
      appendEvent(database.sqlite, { campId: 'c', type: 'exam', userid, num: 60 + i, ref: 'final', actor: 't', source: 'command', happenedAt: 1 }, 2);
    }
    database.close();
  });
  afterEach(() => temp.cleanup());

  it('passes an untouched ledger', async () => {
    const io = captureIo();
    expect(await main(['audit', 'verify'], io)).toBe(0);
    expect(io.stdout.join('\n')).toContain('3 条事件');
  });

  it('fails and names the event edited behind the bot', async () => {
    const raw = new Sqlite(temp.file);
    raw.exec('DROP TRIGGER events_no_update');
    raw.prepare('UPDATE events SET num = 100 WHERE id = 2').run();
    raw.close();
    const io = captureIo();
    expect(await main(['audit', 'verify'], io)).toBe(1);
    expect(io.stderr.join('\n')).toContain('#2');
  });

  it('backs up into a database that verifies, and refuses to overwrite', async () => {
    const copy = join(temp.dir, 'copy.db');
    expect(await main(['backup', copy], captureIo())).toBe(0);
    const raw = new Sqlite(copy, { readonly: true });
    expect(raw.prepare('SELECT count(*) AS n FROM events').get()).toEqual({ n: 3 });
    raw.close();
    const again = captureIo();
    expect(await main(['backup', copy], again)).toBe(2);
    expect(again.stderr[0]).toContain('already exists');
  });
});
