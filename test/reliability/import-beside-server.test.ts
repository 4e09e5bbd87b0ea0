import { describe, expect, it } from 'vitest';
import { runImportBesideServer } from '../../bench/import-beside-server.js';

/**
 * SPEC §9: an operator's big import must not stall the live server. 200,000 rows keep the suite short; `npm run
 * bench -- --only import` runs the same scenario with 1,000,000.
 */
describe('events import beside a live server', () => {
  it('keeps /healthz and group callbacks answering and loses no acknowledged message', async () => {
    const result = await runImportBesideServer({ rows: 200_000, perSecond: 100, settleMs: 1_000 });

    console.log(JSON.stringify(result));
    expect(result.importCode, result.importSays).toBe(0);
    expect(result.importedEvents).toBe(200_000);
    expect(result.healthz.failed).toBe(0);
    expect(result.healthz.max).toBeLessThanOrEqual(200);
    expect(result.callbacks.failed).toBe(0);
    expect(result.callbacks.max).toBeLessThanOrEqual(5_000);
    expect(result.acked).toBeGreaterThan(100);
    expect(result.recorded).toBe(result.acked);
  }, 300_000);
});
