import { afterEach, describe, expect, it } from 'vitest';
import { startCampBot } from '../../src/app/create-app.js';
import { readConfig } from '../../src/config.js';
import { executorOf, type Store } from '../../src/db/db.js';
import { startFakeWeComApi } from '../../src/fake-wecom/fake-wecom-api.js';
import { APP_KEYS, CORP_ID } from '../support/camp-fixture.js';
import { tempDbFile } from '../support/temp-db-file.js';

const cleanups: (() => Promise<unknown> | unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const autocheckpointPages = async (store: Store): Promise<number> =>
  (await executorOf(store).get<{ wal_autocheckpoint: number }>('PRAGMA wal_autocheckpoint'))!.wal_autocheckpoint;

describe('serve on a SQLite file', () => {
  it('checkpoints the WAL on a thread of its own, not inside commits on the event loop', async () => {
    const temp = tempDbFile();
    const api = await startFakeWeComApi();
    cleanups.push(temp.cleanup, () => api.close());
    const env = {
      HOST: '127.0.0.1', PORT: '0', DB_FILE: temp.file, WECOM_CORP_ID: CORP_ID, WECOM_AGENT_ID: '1000002', WECOM_SECRET: 's',
      WECOM_TOKEN: APP_KEYS.token, WECOM_ENCODING_AES_KEY: APP_KEYS.encodingAesKey, WECOM_API_BASE: api.baseUrl,
    };
    const bot = await startCampBot(readConfig(env), { log: () => {}, schedules: false });
    expect(await autocheckpointPages(bot.store)).toBe(0);
    await bot.close();
  });
});
