import type { FakeKeys } from '../src/fake-wecom/fake-wecom-callbacks.js';

/** The bench's made-up WeCom app identity; the server child and the load generator share it. */
export const BENCH_CORP_ID = 'wwbench00000001';
export const BENCH_APP_KEYS: FakeKeys = {
  token: 'benchToken',
  encodingAesKey: 'kWxPEV2UEDyxWpmPdKC3F4dgPDmOvfKX1HGnEUDS1aR',
  receiveId: BENCH_CORP_ID,
};
export const BENCH_BOT_KEYS: FakeKeys = { token: 'benchBotToken', encodingAesKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG', receiveId: '' };

/** Signs the console sessions the bench's API clients carry (the server child checks them with it). */
export const BENCH_SESSION_SECRET = 'bench-console-session-secret';
