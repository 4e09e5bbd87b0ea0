import { existsSync } from 'node:fs';
import { config as loadDotenv } from 'dotenv';
import { redactUrl } from './redact-url.js';
import { ConfigError } from './errors.js';

/** Runtime configuration (SPEC §1). Secrets are never logged; use `describeConfig` for a safe summary. */
export interface Config {
  port: number;
  host: string;
  dbFile: string;
  /** `postgres://…`: PostgreSQL instead of `dbFile` (several instances may share it); null: SQLite. */
  databaseUrl: string | null;
  corpId: string;
  agentId: string;
  secret: string;
  token: string;
  encodingAesKey: string;
  botToken: string | null;
  botEncodingAesKey: string | null;
  apiBase: string;
  replayWindowS: number;
  publicBaseUrl: string;
  certSecret: string | null;
  timezone: string;
  /** HMAC key that signs the ledger head (never stored in the database); null: the head is kept unsigned. */
  auditSecret: string | null;
  /** Days processed-message keys and sent outbox payloads are kept. */
  retentionDays: number;
  /** The AI bot's long connection (SPEC §13): both set, or neither (no long connection). */
  aibotId: string | null;
  aibotSecret: string | null;
  aibotWsUrl: string;
  /** Signs console session cookies (SPEC §12); null: the console answers 503 and the rest of `serve` runs. */
  sessionSecret: string | null;
  /** WeCom's web login (网页授权) for the console inside WeCom. */
  oauthBase: string;
  /** WeCom's QR login (企业微信扫码登录) for the console in other browsers. */
  qrLoginBase: string;
}

type Env = Record<string, string | undefined>;

/** Reads `.env` (when present) into `process.env` without overriding what is already set. */
export function loadEnvFile(path = '.env'): void {
  if (existsSync(path)) loadDotenv({ path, quiet: true });
}

/**
 * Builds the configuration from the environment. With `requireApp`, the self-built app's keys must be present
 * (what `serve` needs). Throws ConfigError naming the first missing or malformed key.
 */
export function readConfig(env: Env = process.env, { requireApp = true } = {}): Config {
  const need = (key: string): string => {
    const value = env[key]?.trim();
    if (!value) throw new ConfigError(`${key} is required (see .env.example)`);
    return value;
  };
  const app = (key: string): string => (requireApp ? need(key) : (env[key]?.trim() ?? ''));
  const optional = (key: string): string | null => env[key]?.trim() || null;
  const config: Config = {
    port: integer(env, 'PORT', 3000, 0, 65535),
    host: env.HOST?.trim() || '0.0.0.0',
    ...databaseSettings(env),
    corpId: app('WECOM_CORP_ID'),
    agentId: app('WECOM_AGENT_ID'),
    secret: app('WECOM_SECRET'),
    token: app('WECOM_TOKEN'),
    encodingAesKey: app('WECOM_ENCODING_AES_KEY'),
    botToken: optional('WECOM_BOT_TOKEN'),
    botEncodingAesKey: optional('WECOM_BOT_ENCODING_AES_KEY'),
    apiBase: url(env, 'WECOM_API_BASE', 'https://qyapi.weixin.qq.com'),
    replayWindowS: integer(env, 'WECOM_REPLAY_WINDOW_S', 300, 0, 86_400 * 365),
    publicBaseUrl: url(env, 'PUBLIC_BASE_URL', 'http://localhost:3000'),
    certSecret: optional('CERT_SECRET'),
    timezone: timezone(env, 'CAMP_TIMEZONE', 'Asia/Shanghai'),
    retentionDays: integer(env, 'RETENTION_DAYS', 30, 1, 36_500),
    aibotId: optional('WECOM_AIBOT_ID'),
    aibotSecret: optional('WECOM_AIBOT_SECRET'),
    aibotWsUrl: webSocketUrl(env, 'WECOM_AIBOT_WS_URL', 'wss://openws.work.weixin.qq.com'),
    sessionSecret: secret(env, 'SESSION_SECRET'),
    oauthBase: url(env, 'WECOM_OAUTH_BASE', 'https://open.weixin.qq.com'),
    qrLoginBase: url(env, 'WECOM_QR_LOGIN_BASE', 'https://login.work.weixin.qq.com'),
  };
  checkAesKey('WECOM_ENCODING_AES_KEY', config.encodingAesKey, requireApp);
  checkAesKey('WECOM_BOT_ENCODING_AES_KEY', config.botEncodingAesKey ?? '', false);
  if (Boolean(config.botToken) !== Boolean(config.botEncodingAesKey)) {
    throw new ConfigError('WECOM_BOT_TOKEN and WECOM_BOT_ENCODING_AES_KEY must be set together');
  }
  if (Boolean(config.aibotId) !== Boolean(config.aibotSecret)) {
    throw new ConfigError('WECOM_AIBOT_ID and WECOM_AIBOT_SECRET must be set together');
  }
  return config;
}

// Anyone holding a copy of the database (or a signed cookie) can try keys offline against its MAC, so short keys are refused.
const MIN_SECRET = 16;

/** What every command needs to open the database: where it is and the ledger's audit key. */
export function databaseSettings(env: Env = process.env): Pick<Config, 'dbFile' | 'databaseUrl' | 'auditSecret'> {
  const auditSecret = env.AUDIT_SECRET?.trim() || null;
  if (auditSecret !== null && auditSecret.length < MIN_SECRET) {
    const what = 'a random string kept outside the database';
    throw new ConfigError(`AUDIT_SECRET must be at least ${MIN_SECRET} characters (${what})`);
  }
  const databaseUrl = env.DATABASE_URL?.trim() || null;
  if (databaseUrl !== null && !/^postgres(ql)?:\/\/[^/]/i.test(databaseUrl)) {
    throw new ConfigError('DATABASE_URL must be a postgres://user:password@host:port/database URL (unset it to use DB_FILE)');
  }
  return { dbFile: env.DB_FILE?.trim() || './data/camp-bot.db', databaseUrl, auditSecret };
}

/** A one-line, secret-free description for start-up logs. */
export function describeConfig(config: Config): string {
  const bot = config.botToken ? 'on' : 'off';
  const audit = config.auditSecret ? 'signed' : 'unsigned';
  const longConnection = config.aibotId ? config.aibotWsUrl : 'off';
  const consoleState = config.sessionSecret ? 'on' : 'off (no SESSION_SECRET)';
  const db = config.databaseUrl ? redactUrl(config.databaseUrl) : config.dbFile;
  const where = `db=${db} corp=${config.corpId} agent=${config.agentId} api=${config.apiBase}`;
  return `${where} bot=${bot} aibot=${longConnection} console=${consoleState} tz=${config.timezone} ledger-head=${audit} retention=${config.retentionDays}d`;
}

function secret(env: Env, key: string): string | null {
  const value = env[key]?.trim() || null;
  if (value !== null && value.length < MIN_SECRET) {
    throw new ConfigError(`${key} must be at least ${MIN_SECRET} characters (a random string, e.g. openssl rand -hex 32)`);
  }
  return value;
}

function integer(env: Env, key: string, fallback: number, min: number, max: number): number {
  const raw = env[key]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${key} must be a whole number from ${min} to ${max}, got "${raw}"`);
  }
  return value;
}

function url(env: Env, key: string, fallback: string): string {
  const raw = env[key]?.trim() || fallback;
  try {
    const parsed = new URL(raw);
    if (!/^https?:$/.test(parsed.protocol)) throw new Error('not http');
  } catch {
    throw new ConfigError(`${key} must be an http(s) URL, got "${raw}"`);
  }
  return raw.replace(/\/+$/, '');
}

function webSocketUrl(env: Env, key: string, fallback: string): string {
  const raw = env[key]?.trim() || fallback;
  try {
    if (!/^wss?:$/.test(new URL(raw).protocol)) throw new Error('not ws');
  } catch {
    throw new ConfigError(`${key} must be a ws:// or wss:// URL, got "${raw}"`);
  }
  return raw.replace(/\/+$/, '');
}

function timezone(env: Env, key: string, fallback: string): string {
  const raw = env[key]?.trim() || fallback;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: raw });
  } catch {
    throw new ConfigError(`${key} must be an IANA time zone such as Asia/Shanghai, got "${raw}"`);
  }
  return raw;
}

function checkAesKey(key: string, value: string, required: boolean): void {
  if (!value && !required) return;
  if (!/^[A-Za-z0-9+/]{43}$/.test(value)) {
    throw new ConfigError(`${key} must be the 43-character EncodingAESKey from the WeCom admin console`);
  }
}
