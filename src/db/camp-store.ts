import type Sqlite from 'better-sqlite3';
import type { CampConfig } from '../camp/camp-config.js';
import { diffConfig, type ConfigChange } from './diff-config.js';
import { prepared } from './prepared.js';
import type { Role } from './roster-store.js';

/** What `saveCamp` changed. */
export interface CampChanges {
  created: boolean;
  /** Changed settings by key path (empty for a new camp). */
  changed: ConfigChange[];
  membersAdded: { userid: string; role: Role }[];
  membersRemoved: { userid: string; role: Role }[];
  chatsAdded: string[];
  /** Chats already bound whose camp or webhook the file changed. */
  chatsUpdated: string[];
}

type FileRole = Exclude<Role, 'learner'>;

function fileRoles(config: CampConfig): { userid: string; role: FileRole }[] {
  return [
    ...config.trainers.map((userid) => ({ userid, role: 'trainer' as const })),
    ...config.managers.map((userid) => ({ userid, role: 'manager' as const })),
    ...config.admins.users.map((userid) => ({ userid, role: 'admin' as const })),
  ];
}

const key = (m: { userid: string; role: string }): string => `${m.role}\u0000${m.userid}`;

/**
 * Creates or updates a camp from its validated file: the config, trainer/manager/admin memberships (the roles the
 * previous file gave and this one does not are removed; roles from the roster stay), and the file's chats.
 * Call inside a transaction when it must commit with something else; it opens its own otherwise.
 */
export function saveCamp(sqlite: Sqlite.Database, config: CampConfig, now: number): CampChanges {
  return sqlite.transaction(() => {
    const previous = loadCamp(sqlite, config.id);
    sqlite.prepare(
      `INSERT INTO camps (id, name, timezone, config, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET name = excluded.name, timezone = excluded.timezone, config = excluded.config,
         updated_at = excluded.updated_at`,
    ).run(config.id, config.name, config.timezone, JSON.stringify(config), now, now);
    const members = saveFileRoles(sqlite, config, previous);
    return {
      created: previous === null,
      changed: previous === null ? [] : diffConfig(previous, config),
      ...members,
      ...saveFileChats(sqlite, config, now),
    };
  }).immediate();
}

function saveFileRoles(sqlite: Sqlite.Database, config: CampConfig, previous: CampConfig | null): Pick<CampChanges, 'membersAdded' | 'membersRemoved'> {
  const wanted = fileRoles(config);
  const wantedKeys = new Set(wanted.map(key));
  const existing = new Set(
    sqlite.prepare<[string], { userid: string; role: string }>('SELECT userid, role FROM members WHERE camp_id = ?').all(config.id).map(key),
  );
  const addPerson = sqlite.prepare('INSERT INTO people (userid, name) VALUES (?, ?) ON CONFLICT (userid) DO NOTHING');
  const addMember = sqlite.prepare('INSERT INTO members (camp_id, userid, role) VALUES (?, ?, ?) ON CONFLICT DO NOTHING');
  const removeMember = sqlite.prepare('DELETE FROM members WHERE camp_id = ? AND userid = ? AND role = ?');
  const membersAdded = wanted.filter((m) => !existing.has(key(m)));
  for (const m of membersAdded) {
    addPerson.run(m.userid, m.userid);
    addMember.run(config.id, m.userid, m.role);
  }
  const membersRemoved = (previous ? fileRoles(previous) : []).filter((m) => !wantedKeys.has(key(m)) && existing.has(key(m)));
  for (const m of membersRemoved) removeMember.run(config.id, m.userid, m.role);
  return { membersAdded, membersRemoved };
}

function saveFileChats(sqlite: Sqlite.Database, config: CampConfig, now: number): Pick<CampChanges, 'chatsAdded' | 'chatsUpdated'> {
  const find = sqlite.prepare<[string], { campId: string; webhookUrl: string | null }>(
    'SELECT camp_id AS campId, webhook_url AS webhookUrl FROM chats WHERE chat_id = ?',
  );
  const changes: Pick<CampChanges, 'chatsAdded' | 'chatsUpdated'> = { chatsAdded: [], chatsUpdated: [] };
  for (const chat of config.chats) {
    const before = find.get(chat.id);
    if (!before) changes.chatsAdded.push(chat.id);
    else if (before.campId !== config.id || (chat.webhook !== undefined && chat.webhook !== before.webhookUrl)) changes.chatsUpdated.push(chat.id);
    else continue;
    bindChat(sqlite, chat.id, config.id, 'camp-file', now);
    if (chat.webhook !== undefined) rememberWebhook(sqlite, chat.id, chat.webhook);
  }
  return changes;
}

// Parsing the camp's JSON on every message is costly, so the parse is kept while the stored text stays the same
// (comparing the text is cheap and, unlike a timestamp, can never miss a change).
const parsedConfigs = new WeakMap<Sqlite.Database, Map<string, { text: string; config: CampConfig }>>();

/** The camp's validated config, or null when there is no such camp. Shared by callers: never mutate it. */
export function loadCamp(sqlite: Sqlite.Database, campId: string): CampConfig | null {
  const text = prepared<[string], { config: string }>(sqlite, 'SELECT config FROM camps WHERE id = ?').get(campId)?.config;
  if (text === undefined) return null;
  let configs = parsedConfigs.get(sqlite);
  if (!configs) parsedConfigs.set(sqlite, (configs = new Map()));
  const kept = configs.get(campId);
  if (kept?.text === text) return kept.config;
  const config = JSON.parse(text) as CampConfig;
  configs.set(campId, { text, config });
  return config;
}

/** The camp a group chat is bound to, or null. */
export function campIdForChat(sqlite: Sqlite.Database, chatId: string): string | null {
  const row = prepared<[string], { campId: string }>(sqlite, 'SELECT camp_id AS campId FROM chats WHERE chat_id = ?').get(chatId);
  return row?.campId ?? null;
}

/** Who bound a chat to its camp, and when: a userid, or `camp-file` for a camp file's `chats:`. */
export interface ChatBinding {
  campId: string;
  boundBy: string;
  boundAt: number;
}

/** The chat's binding, or null when it is not bound. */
export function chatBinding(sqlite: Sqlite.Database, chatId: string): ChatBinding | null {
  return prepared<[string], ChatBinding>(
    sqlite,
    'SELECT camp_id AS "campId", bound_by AS "boundBy", updated_at AS "boundAt" FROM chats WHERE chat_id = ?',
  ).get(chatId) ?? null;
}

/** Binds (or re-binds) a group chat to a camp, keeping a webhook already learned. */
export function bindChat(sqlite: Sqlite.Database, chatId: string, campId: string, by: string, now: number): void {
  prepared(
    sqlite,
    `INSERT INTO chats (chat_id, camp_id, bound_by, updated_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (chat_id) DO UPDATE SET camp_id = excluded.camp_id, bound_by = excluded.bound_by, updated_at = excluded.updated_at`,
  ).run(chatId, campId, by, now);
}

/**
 * Stores the group robot webhook of a bound chat (a chat not bound yet is left alone: it has no camp). `updated_at`
 * stays the time of the binding, which `/camp bind` reports.
 */
export function rememberWebhook(sqlite: Sqlite.Database, chatId: string, url: string): void {
  prepared(sqlite, 'UPDATE chats SET webhook_url = ? WHERE chat_id = ? AND webhook_url IS NOT ?').run(url, chatId, url);
}

/** The bound chats of a camp with their webhooks (null until learned). */
export function chatsOfCamp(sqlite: Sqlite.Database, campId: string): { chatId: string; webhookUrl: string | null }[] {
  return sqlite.prepare<[string], { chatId: string; webhookUrl: string | null }>(
    'SELECT chat_id AS chatId, webhook_url AS webhookUrl FROM chats WHERE camp_id = ? ORDER BY chat_id',
  ).all(campId);
}
