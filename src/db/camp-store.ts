import type { CampConfig } from '../camp/camp-config.js';
import { saveCampFile } from './camp-files.js';
import { executorOf, transaction, type Db } from './db.js';
import { diffConfig, type ConfigChange } from './diff-config.js';
import type { Executor } from './engine/executor.js';
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
 * previous file gave and this one does not are removed; roles from the roster stay), the file's chats and, when
 * given, the file's text (what the console shows and edits). One transaction (a savepoint inside the caller's).
 */
export function saveCamp(db: Db, config: CampConfig, now: number, yaml?: string): Promise<CampChanges> {
  return transaction(db, async (tx) => {
    const ex = executorOf(tx);
    const previous = await loadCamp(tx, config.id);
    await ex.run(
      `INSERT INTO camps (id, name, timezone, config, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET name = excluded.name, timezone = excluded.timezone, config = excluded.config,
         updated_at = CASE WHEN excluded.updated_at > camps.updated_at THEN excluded.updated_at ELSE camps.updated_at + 1 END`,
      [config.id, config.name, config.timezone, JSON.stringify(config), now, now],
    );
    const members = await saveFileRoles(ex, config, previous);
    if (yaml !== undefined) await saveCampFile(tx, config.id, yaml, now);
    return {
      created: previous === null,
      changed: previous === null ? [] : diffConfig(previous, config),
      ...members,
      ...(await saveFileChats(tx, config, now)),
    };
  });
}

async function saveFileRoles(
  ex: Executor, config: CampConfig, previous: CampConfig | null,
): Promise<Pick<CampChanges, 'membersAdded' | 'membersRemoved'>> {
  const wanted = fileRoles(config);
  const wantedKeys = new Set(wanted.map(key));
  const rows = await ex.all<{ userid: string; role: string }>('SELECT userid, role FROM members WHERE camp_id = ?', [config.id]);
  const existing = new Set(rows.map(key));
  const membersAdded = wanted.filter((m) => !existing.has(key(m)));
  for (const m of membersAdded) {
    await ex.run('INSERT INTO people (userid, name) VALUES (?, ?) ON CONFLICT (userid) DO NOTHING', [m.userid, m.userid]);
    await ex.run('INSERT INTO members (camp_id, userid, role) VALUES (?, ?, ?) ON CONFLICT DO NOTHING', [config.id, m.userid, m.role]);
  }
  const membersRemoved = (previous ? fileRoles(previous) : []).filter((m) => !wantedKeys.has(key(m)) && existing.has(key(m)));
  for (const m of membersRemoved) {
    await ex.run('DELETE FROM members WHERE camp_id = ? AND userid = ? AND role = ?', [config.id, m.userid, m.role]);
  }
  return { membersAdded, membersRemoved };
}

async function saveFileChats(db: Db, config: CampConfig, now: number): Promise<Pick<CampChanges, 'chatsAdded' | 'chatsUpdated'>> {
  const changes: Pick<CampChanges, 'chatsAdded' | 'chatsUpdated'> = { chatsAdded: [], chatsUpdated: [] };
  for (const chat of config.chats) {
    const before = await executorOf(db).get<{ campId: string; webhookUrl: string | null }>(
      'SELECT camp_id AS "campId", webhook_url AS "webhookUrl" FROM chats WHERE chat_id = ?',
      [chat.id],
    );
    if (!before) changes.chatsAdded.push(chat.id);
    else if (before.campId !== config.id || (chat.webhook !== undefined && chat.webhook !== before.webhookUrl)) changes.chatsUpdated.push(chat.id);
    else continue;
    await bindChat(db, chat.id, config.id, 'camp-file', now);
    if (chat.webhook !== undefined) await rememberWebhook(db, chat.id, chat.webhook);
  }
  return changes;
}

// Parsing the camp's JSON on every message is costly, so the parse is kept while the stored text stays the same
// (comparing the text is cheap and, unlike a timestamp, can never miss a change made by another instance).
const parsedConfigs = new Map<string, { text: string; config: CampConfig }>();

/** The camp's validated config, or null when there is no such camp. Shared by callers: never mutate it. */
export async function loadCamp(db: Db, campId: string): Promise<CampConfig | null> {
  const row = await executorOf(db).get<{ config: string }>('SELECT config FROM camps WHERE id = ?', [campId]);
  if (row === undefined) return null;
  const kept = parsedConfigs.get(campId);
  if (kept?.text === row.config) return kept.config;
  const config = JSON.parse(row.config) as CampConfig;
  if (parsedConfigs.size >= 64) parsedConfigs.delete(parsedConfigs.keys().next().value!);
  parsedConfigs.set(campId, { text: row.config, config });
  return config;
}

/** Every camp's id and stored config text, by id (the schedules watch these for changes). */
export function campConfigs(db: Db): Promise<{ id: string; config: string }[]> {
  return executorOf(db).all('SELECT id, config FROM camps ORDER BY id');
}

/** The camp a group chat is bound to, or null. */
export async function campIdForChat(db: Db, chatId: string): Promise<string | null> {
  const row = await executorOf(db).get<{ campId: string }>('SELECT camp_id AS "campId" FROM chats WHERE chat_id = ?', [chatId]);
  return row?.campId ?? null;
}

/** Who bound a chat to its camp, and when: a userid, or `camp-file` for a camp file's `chats:`. */
export interface ChatBinding {
  campId: string;
  boundBy: string;
  boundAt: number;
}

/** The chat's binding, or null when it is not bound. */
export async function chatBinding(db: Db, chatId: string): Promise<ChatBinding | null> {
  const row = await executorOf(db).get<ChatBinding>(
    'SELECT camp_id AS "campId", bound_by AS "boundBy", updated_at AS "boundAt" FROM chats WHERE chat_id = ?',
    [chatId],
  );
  return row ?? null;
}

/** Binds (or re-binds) a group chat to a camp, keeping a webhook already learned. */
export async function bindChat(db: Db, chatId: string, campId: string, by: string, now: number): Promise<void> {
  await executorOf(db).run(
    `INSERT INTO chats (chat_id, camp_id, bound_by, updated_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (chat_id) DO UPDATE SET camp_id = excluded.camp_id, bound_by = excluded.bound_by, updated_at = excluded.updated_at`,
    [chatId, campId, by, now],
  );
}

/**
 * Stores the group robot webhook of a bound chat (a chat not bound yet is left alone: it has no camp). `updated_at`
 * stays the time of the binding, which `/camp bind` reports.
 */
export async function rememberWebhook(db: Db, chatId: string, url: string): Promise<void> {
  await executorOf(db).run('UPDATE chats SET webhook_url = ? WHERE chat_id = ? AND webhook_url IS DISTINCT FROM ?', [url, chatId, url]);
}

/** The bound chats of a camp with their webhooks (null until learned). */
export function chatsOfCamp(db: Db, campId: string): Promise<{ chatId: string; webhookUrl: string | null }[]> {
  return executorOf(db).all(
    'SELECT chat_id AS "chatId", webhook_url AS "webhookUrl" FROM chats WHERE camp_id = ? ORDER BY chat_id',
    [campId],
  );
}
