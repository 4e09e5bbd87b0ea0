import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Sqlite from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { APP_KEYS, sampleCampYaml } from '../support/camp-fixture.js';
import { buildCallback, postCallback } from '../../src/fake-wecom/fake-wecom-callbacks.js';
import { startFakeWeComApi } from '../../src/fake-wecom/fake-wecom-api.js';
import { tempDbFile } from '../support/temp-db-file.js';
import { startLoad } from './callback-load.js';
import { campBotEnv, runCli, startServe, writeRosterCsv } from './camp-bot-process.js';

const LOAD_MSG_ID_BASE = 6_000_000_000;

const cleanups: (() => Promise<unknown> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function waitFor(check: () => boolean): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('camp-bot backup under load', () => {
  it('is a consistent database: integrity ok, audit verify passes, a prefix of the live ledger', async () => {
    const temp = tempDbFile();
    cleanups.push(temp.cleanup);
    const api = await startFakeWeComApi();
    cleanups.push(() => api.close());
    const env = campBotEnv(temp.file, api.baseUrl);
    writeFileSync(join(temp.dir, 'camp.yaml'), sampleCampYaml());
    expect((await runCli(['camp', 'apply', join(temp.dir, 'camp.yaml')], env)).code).toBe(0);
    expect((await runCli(['roster', 'import', 'ai-test', writeRosterCsv(temp.dir)], env)).code).toBe(0);
    const server = await startServe(env);
    cleanups.push(() => server.stop());
    expect((await postCallback(server.baseUrl, buildCallback('app', APP_KEYS, { from: 'zhang', text: '/assign a1 作业一', msgId: '1' }))).status).toBe(200);

    const load = startLoad(server.baseUrl, 30, LOAD_MSG_ID_BASE);
    await waitFor(() => load.acked() >= 200);
    const backupFile = join(temp.dir, 'backup.db');
    const ackedBeforeBackup = load.acked();
    const backup = await runCli(['backup', backupFile], env);
    const ackedAtBackup = load.acked();
    await waitFor(() => load.acked() >= ackedAtBackup + 200);
    load.stop();
    const { acked } = await load.done;
    expect(backup.code, backup.stderr).toBe(0);

    const copy = new Sqlite(backupFile, { readonly: true });
    cleanups.push(() => void copy.close());
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    const audit = await runCli(['audit', 'verify'], { ...env, DB_FILE: backupFile });
    expect(audit.code, audit.stdout + audit.stderr).toBe(0);

    // The copy is one instant of the live database: its ledger is a prefix of the live one, hash for hash.
    const live = new Sqlite(temp.file, { readonly: true });
    cleanups.push(() => void live.close());
    const hashes = (db: Sqlite.Database): string[] => db.prepare('SELECT hash FROM ledger_chain ORDER BY seq').pluck().all() as string[];
    const copied = hashes(copy);
    const current = hashes(live);
    expect(copied.length).toBeGreaterThan(100);
    expect(current.length).toBeGreaterThan(copied.length);
    expect(current.slice(0, copied.length)).toEqual(copied);
    // Every message the copy calls processed has its events in the copy (one transaction per message).
    const submissionsInCopy = copy.prepare(`SELECT count(*) FROM events WHERE type = 'submission'`).pluck().get() as number;
    // The load's MsgIds are the only ten-digit ones from LOAD_MSG_ID_BASE (the /assign above is MsgId 1).
    const processedSubmits = copy.prepare(`SELECT count(*) FROM processed_messages WHERE key GLOB 'app:6?????????'`).pluck().get() as number;
    // On a mismatch, say what the server logged about failed commands (a /submit answered "出错了" is processed
    // without its submission).
    const failures = server.log().split('\n').filter((line) => line.includes('failed')).slice(0, 5).join('\n');
    expect(submissionsInCopy, failures).toBe(processedSubmits);
    // Nothing acknowledged before the backup began is missing from it (a copy of the main file alone would miss
    // whatever still sits in the WAL).
    expect(submissionsInCopy).toBeGreaterThanOrEqual(ackedBeforeBackup);
    expect(acked.length).toBeGreaterThan(copied.length);
  });
});
