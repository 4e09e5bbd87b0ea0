import { describe, expect, it } from 'vitest';
import { describeConfig, readConfig } from '../src/config.js';
import { ConfigError } from '../src/errors.js';

const KEY = 'audit-secret-for-tests-0123456789';
const APP = {
  WECOM_CORP_ID: 'wwcorp', WECOM_AGENT_ID: '1000002', WECOM_SECRET: 'app-secret', WECOM_TOKEN: 'token',
  WECOM_ENCODING_AES_KEY: 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C',
};

describe('readConfig: audit key and retention', () => {
  it('keeps the ledger head unsigned and 30 days of retention by default', () => {
    expect(readConfig(APP)).toMatchObject({ auditSecret: null, retentionDays: 30 });
  });

  it('reads AUDIT_SECRET and RETENTION_DAYS, and never describes the key', () => {
    const config = readConfig({ ...APP, AUDIT_SECRET: KEY, RETENTION_DAYS: '90' });
    expect(config).toMatchObject({ auditSecret: KEY, retentionDays: 90 });
    expect(describeConfig(config)).toContain('ledger-head=signed retention=90d');
    expect(describeConfig(config)).not.toContain(KEY);
  });

  it('refuses a short AUDIT_SECRET and a RETENTION_DAYS below one day, naming the key', () => {
    expect(() => readConfig({ ...APP, AUDIT_SECRET: 'short' })).toThrow(new ConfigError(
      'AUDIT_SECRET must be at least 16 characters (a random string kept outside the database)'));
    expect(() => readConfig({ ...APP, RETENTION_DAYS: '0' })).toThrow(/^RETENTION_DAYS must be a whole number from 1 to 36500, got "0"$/);
  });
});

describe('readConfig: the database', () => {
  it('uses DB_FILE unless DATABASE_URL names a PostgreSQL server, whose password is never described', () => {
    expect(readConfig({ ...APP, DB_FILE: '/data/camp.db' })).toMatchObject({ dbFile: '/data/camp.db', databaseUrl: null });
    const config = readConfig({ ...APP, DATABASE_URL: ' postgres://camp:pa55word@db.internal:5432/camp ' });
    expect(config.databaseUrl).toBe('postgres://camp:pa55word@db.internal:5432/camp');
    expect(describeConfig(config)).toContain('db=postgres://camp:***@db.internal:5432/camp');
    expect(describeConfig(config)).not.toContain('pa55word');
  });

  it('refuses a DATABASE_URL that is not a postgres:// URL, naming the key', () => {
    expect(() => readConfig({ ...APP, DATABASE_URL: 'mysql://camp@db/camp' })).toThrow(new ConfigError(
      'DATABASE_URL must be a postgres://user:password@host:port/database URL (unset it to use DB_FILE)'));
  });
});

describe('readConfig: the AI bot long connection', () => {
  it('is off without its keys, with WeCom’s URL as the default', () => {
    const config = readConfig(APP);
    expect([config.aibotId, config.aibotSecret, config.aibotWsUrl]).toEqual([null, null, 'wss://openws.work.weixin.qq.com']);
    expect(describeConfig(config)).toContain('aibot=off');
  });

  it('reads the bot id, secret and URL, and never shows the secret', () => {
    const config = readConfig({ ...APP, WECOM_AIBOT_ID: ' aibot-1 ', WECOM_AIBOT_SECRET: 'very-secret', WECOM_AIBOT_WS_URL: 'ws://127.0.0.1:9000/' });
    expect([config.aibotId, config.aibotSecret, config.aibotWsUrl]).toEqual(['aibot-1', 'very-secret', 'ws://127.0.0.1:9000']);
    expect(describeConfig(config)).toContain('aibot=ws://127.0.0.1:9000');
    expect(describeConfig(config)).not.toContain('very-secret');
  });

  it('refuses half a pair and a URL that is not ws(s), naming the key', () => {
    expect(() => readConfig({ ...APP, WECOM_AIBOT_ID: 'aibot-1' })).toThrow(/WECOM_AIBOT_ID and WECOM_AIBOT_SECRET must be set together/);
    expect(() => readConfig({ ...APP, WECOM_AIBOT_SECRET: 's' })).toThrow(ConfigError);
    expect(() => readConfig({ ...APP, WECOM_AIBOT_WS_URL: 'https://openws.work.weixin.qq.com' })).toThrow(/^WECOM_AIBOT_WS_URL must be a ws:\/\/ or wss:\/\/ URL/);
    expect(() => readConfig({ ...APP, WECOM_AIBOT_WS_URL: 'not a url' })).toThrow(/WECOM_AIBOT_WS_URL/);
  });
});

describe('readConfig: the console', () => {
  it('is off without SESSION_SECRET, with WeCom’s login bases by default', () => {
    const config = readConfig(APP);
    expect([config.sessionSecret, config.oauthBase, config.qrLoginBase]).toEqual([null, 'https://open.weixin.qq.com', 'https://login.work.weixin.qq.com']);
    expect(describeConfig(config)).toContain('console=off (no SESSION_SECRET)');
  });

  it('reads the secret and the bases, never shows the secret, and refuses a short secret', () => {
    const secret = 'console-session-secret-0123456789';
    const config = readConfig({ ...APP, SESSION_SECRET: secret, WECOM_OAUTH_BASE: 'http://127.0.0.1:9000/', WECOM_QR_LOGIN_BASE: 'http://127.0.0.1:9001' });
    expect([config.sessionSecret, config.oauthBase, config.qrLoginBase]).toEqual([secret, 'http://127.0.0.1:9000', 'http://127.0.0.1:9001']);
    expect(describeConfig(config)).toContain('console=on');
    expect(describeConfig(config)).not.toContain(secret);
    expect(() => readConfig({ ...APP, SESSION_SECRET: 'short' })).toThrow(/^SESSION_SECRET must be at least 16 characters/);
    expect(() => readConfig({ ...APP, WECOM_OAUTH_BASE: 'ftp://x' })).toThrow(/^WECOM_OAUTH_BASE must be an http\(s\) URL/);
  });
});

