/** A command or CLI call was misused; the message is what the user sees. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
  constructor(message: string, readonly usage?: string) {
    super(message);
  }
}

/** Configuration is missing or malformed; the message names the key. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** Input (a camp file, an import, a callback body) failed validation; `problems` are one line each. */
export class ValidationError extends Error {
  override readonly name = 'ValidationError';
  constructor(message: string, readonly problems: string[] = [message]) {
    super(message);
  }
}

/** A callback failed a transport check; `status` is the HTTP answer (400, 401, 408, 413). */
export class CallbackRejected extends Error {
  override readonly name = 'CallbackRejected';
  constructor(readonly status: 400 | 401 | 408 | 413, message: string) {
    super(message);
  }
}

const WECOM_HINTS: Record<number, string> = {
  40001: 'WECOM_SECRET 不正确（invalid credential）：请在管理后台核对应用 Secret',
  40014: 'access_token 无效，将自动刷新',
  42001: 'access_token 已过期，将自动刷新',
  45009: '接口调用超过频率限制，已放慢发送',
  45033: '接口并发调用超过限制，已放慢发送',
  60020: '服务器 IP 不在应用的可信 IP 列表中：请在管理后台「企业可信IP」中添加本机出口 IP',
};

// Lives and meetings (SPEC §13): an app reads only those it created, and only while it is in the admin console's
// 「可调用接口的应用」 list of 直播 or 会议 (developer.work.weixin.qq.com/document/path/93636, 93708, 97454).
const sourceHints = (what: '直播' | '会议'): Record<number, string> => ({
  40058: `${what} ID 无效或不存在：请核对营地文件 sources 里的 id（须是本应用创建的${what}）`,
  45009: `${what}接口调用超过频率限制，已放慢，稍后会再拉取`,
  48002: `本应用无权调用${what}接口：请在管理后台「应用管理 → ${what} → 可调用接口的应用」中加入本应用；且只能读取本应用创建的${what}`,
  60011: `${what}的发起人或参与成员不在本应用的可见范围内：请在管理后台调整应用可见范围`,
  301002: `本应用无权操作这场${what}：WeCom 只允许读取本应用创建的${what}，请改用本应用创建（如 /session open … 会议）`,
});

const API_HINTS: Record<string, Record<number, string>> = { living: sourceHints('直播'), meeting: sourceHints('会议') };

/** The WeCom API answered with a non-zero errcode. */
export class WeComApiError extends Error {
  override readonly name = 'WeComApiError';
  readonly hint: string | undefined;
  constructor(readonly errcode: number, readonly errmsg: string, readonly api: string) {
    super(`WeCom ${api} errcode ${errcode}: ${errmsg}`);
    this.hint = API_HINTS[api.split('/')[0] ?? '']?.[errcode] ?? WECOM_HINTS[errcode];
  }
}

/** The WeCom API could not be reached, timed out, or answered 5xx. */
export class WeComNetworkError extends Error {
  override readonly name = 'WeComNetworkError';
  constructor(readonly api: string, override readonly cause: unknown, readonly status?: number) {
    super(`WeCom ${api} unreachable${status ? ` (HTTP ${status})` : ''}: ${String((cause as Error)?.message ?? cause)}`);
  }
}

/** A group robot webhook URL was refused (malformed, or outside WECOM_API_BASE's origin); nothing was sent. */
export class WebhookRefused extends Error {
  override readonly name = 'WebhookRefused';
}

/** Another process held the database's write lock longer than camp-bot waits; nothing was changed. */
export class DatabaseBusy extends Error {
  override readonly name = 'DatabaseBusy';
  constructor(readonly waitedMs: number) {
    super(`数据库被其他进程占用超过 ${Math.round(waitedMs / 1000)} 秒，未做任何更改，请稍后重试（database is locked）`);
  }
}

/** The database rolled back a whole transaction by itself (disk full, I/O, lost connection); nothing of it stands. */
export class TransactionAborted extends Error {
  override readonly name = 'TransactionAborted';
  constructor(override readonly cause: unknown) {
    super(`transaction rolled back by the database: ${cause instanceof Error ? cause.message : String(cause)}`);
  }
}

/** Another instance is processing the same WeCom message right now; a retry will find its stored answer. */
export class MessageInFlight extends Error {
  override readonly name = 'MessageInFlight';
  constructor(readonly key: string) {
    super(`message ${key} is being processed by another instance`);
  }
}

/** The ledger's head cannot be trusted or extended (missing, unsigned, or signed with another key); says what to do. */
export class LedgerError extends Error {
  override readonly name = 'LedgerError';
}

/** The database was made by an older camp-bot (or is not one); the message tells the operator to run `migrate`. */
export class SchemaOutdated extends Error {
  override readonly name = 'SchemaOutdated';
}

/**
 * A console API request was refused: `status` and the one-line Chinese `message` are what the browser gets
 * (`{ error, … }`), with problems by key path (`issues`) or by file line (`lines`) where the route lists them.
 */
export class ApiRefusal extends Error {
  override readonly name = 'ApiRefusal';
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 409 | 413 | 503,
    message: string,
    readonly details: { issues?: { path: string; message: string }[]; lines?: { line: number; message: string }[] } = {},
  ) {
    super(message);
  }
}
