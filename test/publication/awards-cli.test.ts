import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { checkCertificate } from '../../src/verify-page/check-certificate.js';
import { captureIo } from '../support/capture-io.js';
import { sharedTestDb, type SharedTestDb } from '../support/shared-test-db.js';
import { CAMP_ID, CERT_SECRET, seedCamp } from './camp-fixture.js';

describe('camp-bot awards publish|show', () => {
  let db: SharedTestDb;
  let savedSecret: string | undefined;
  beforeEach(async () => {
    db = await sharedTestDb();
    savedSecret = process.env.CERT_SECRET;
    process.env.CERT_SECRET = CERT_SECRET;
    const store = await db.open();
    await seedCamp(store, (key) => `https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=${key}`, '', Date.now() - 60_000);
    await store.close();
  });
  afterEach(async () => {
    if (savedSecret === undefined) delete process.env.CERT_SECRET;
    else process.env.CERT_SECRET = savedSecret;
    await db.cleanup();
  });

  it('publishes with --json in the SPEC shape, refuses a second time, and shows the result with certificates', async () => {
    const io = captureIo();
    expect(await main(['awards', 'publish', CAMP_ID, '--json'], io)).toBe(0);
    const published = JSON.parse(io.stdout.join('\n'));
    expect(Object.keys(published)).toEqual(['asOf', 'winners', 'warnings']);
    expect(published.winners).toEqual([
      { award: 'top', userid: 'u1', team: null, rank: 1, value: 90 },
      { award: 'best-team', userid: 'u1', team: 'A', rank: 1, value: 85 },
      { award: 'best-team', userid: 'u2', team: 'A', rank: 1, value: 85 },
    ]);

    const again = captureIo();
    expect(await main(['awards', 'publish', CAMP_ID], again)).toBe(1);
    expect(again.stderr.join('\n')).toContain('--force');

    const show = captureIo();
    expect(await main(['awards', 'show', CAMP_ID, '--json'], show)).toBe(0);
    const shown = JSON.parse(show.stdout.join('\n'));
    expect(shown.asOf).toBe(published.asOf);
    expect(shown.winners.map(({ certificate: _c, ...row }: { certificate: string }) => row)).toEqual(published.winners);
    const store = await db.open();
    for (const row of shown.winners) {
      expect(await checkCertificate(store, CERT_SECRET, row.certificate)).toMatchObject({ genuine: true, userid: row.userid, award: row.award });
    }
    await store.close();

    expect(await main(['awards', 'publish', CAMP_ID, '--force'], captureIo())).toBe(0);
  });

  it('exits 1 without CERT_SECRET and 2 on bad usage', async () => {
    delete process.env.CERT_SECRET;
    const io = captureIo();
    expect(await main(['awards', 'publish', CAMP_ID], io)).toBe(1);
    expect(io.stderr[0]).toContain('CERT_SECRET');
    expect(await main(['awards', 'show', CAMP_ID, '--json'], captureIo())).toBe(1); // nothing published
    expect(await main(['awards', 'publish'], captureIo())).toBe(2);
  });
});
