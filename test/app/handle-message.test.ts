import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Sqlite from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMessageHandler, handleMessage, type Respond } from '../../src/app/handle-message.js';
import type { InboundMessage, Reply } from '../../src/bot/inbound-message.js';
import { openDatabase } from '../../src/db/open-database.js';

let dir: string;
let sqlite: Sqlite.Database;
/** A second connection: it sees only what the handler's connection has committed. */
let observer: Sqlite.Database;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'camp-bot-group-commit-'));
  const file = join(dir, 'camp-bot.db');
  sqlite = openDatabase(file).sqlite;
  observer = new Sqlite(file, { readonly: true });
});

afterEach(() => {
  observer.close();
  sqlite.close();
  rmSync(dir, { recursive: true, force: true });
});

function message(msgId: string): InboundMessage {
  return { channel: 'app', msgId, from: { userid: 'ming' }, chatId: null, chatType: 'single', kind: 'text', text: msgId, createdAt: null, receivedAt: 0 };
}

const committed = (): number => observer.prepare('SELECT count(*) FROM processed_messages').pluck().get() as number;
const committedPeople = (): string[] => (observer.prepare('SELECT userid FROM people ORDER BY userid').pluck().all() as string[]);

/** Records one `people` row per message (named after its MsgId) and what the observer saw committed meanwhile. */
function recordingRespond(options: { failOn?: string; abortOn?: string } = {}) {
  const calls: string[] = [];
  const committedDuring: number[] = [];
  const respond: Respond = (m) => {
    calls.push(m.msgId);
    committedDuring.push(committed());
    sqlite.prepare('INSERT INTO people (userid, name) VALUES (?, ?)').run(m.msgId, m.msgId);
    if (m.msgId === options.failOn) throw new Error('handler bug');
    if (m.msgId === options.abortOn) {
      options.abortOn = undefined;
      sqlite.exec('ROLLBACK'); // what SQLite itself does to the whole transaction on e.g. a full disk
    }
    return { text: `ok ${m.msgId}` };
  };
  return { respond, calls, committedDuring };
}

const ids = (n: number): string[] => Array.from({ length: n }, (_, i) => `m${String(i).padStart(2, '0')}`);

describe('group commit', () => {
  it('runs messages that arrive together in one transaction and answers only after it committed', async () => {
    const { respond, calls, committedDuring } = recordingRespond();
    const handle = createMessageHandler({ sqlite, respond }, { budgetMs: 60_000 });
    const committedWhenAnswered: number[] = [];
    const replies = await Promise.all(
      ids(20).map((id) => handle(message(id)).then((reply) => {
        committedWhenAnswered.push(committed());
        return reply;
      })),
    );
    expect(replies).toEqual(ids(20).map((id) => ({ text: `ok ${id}` })));
    expect(calls).toEqual(ids(20));
    // Nothing was committed while any of the 20 ran (one transaction), and all 20 were by the first answer.
    expect(committedDuring).toEqual(Array(20).fill(0));
    expect(committedWhenAnswered).toEqual(Array(20).fill(20));
    expect(committedPeople()).toEqual(ids(20));
  });

  it('rolls back only the failing message; the others of its batch commit', async () => {
    const { respond } = recordingRespond({ failOn: 'm02' });
    const handle = createMessageHandler({ sqlite, respond }, { budgetMs: 60_000 });
    const outcomes = await Promise.allSettled(ids(5).map((id) => handle(message(id))));
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
    expect((outcomes[2] as PromiseRejectedResult).reason).toEqual(new Error('handler bug'));
    expect(committedPeople()).toEqual(['m00', 'm01', 'm03', 'm04']);
    expect(observer.prepare('SELECT key FROM processed_messages ORDER BY key').pluck().all()).toEqual(['app:m00', 'app:m01', 'app:m03', 'app:m04']);
  });

  it('fails every message of a batch whose transaction is lost, and their retries then run exactly once', async () => {
    const { respond, calls } = recordingRespond({ abortOn: 'm01' });
    const handle = createMessageHandler({ sqlite, respond }, { budgetMs: 60_000 });
    const first = await Promise.allSettled(ids(3).map((id) => handle(message(id))));
    expect(first.map((o) => o.status)).toEqual(['rejected', 'rejected', 'rejected']);
    expect(committed()).toBe(0);
    expect(committedPeople()).toEqual([]);

    const retried = await Promise.all(ids(3).map((id) => handle(message(id))));
    const again = await Promise.all(ids(3).map((id) => handle(message(id))));
    expect(retried).toEqual(ids(3).map((id) => ({ text: `ok ${id}` })));
    expect(again).toEqual(retried);
    // m00 and m01 ran in the lost batch (m02 came after the loss), then once each on the retry; never again.
    expect(calls).toEqual(['m00', 'm01', 'm00', 'm01', 'm02']);
    expect(committedPeople()).toEqual(ids(3));
  });

  it('runs a message retried while it is in flight once, and answers every copy with its reply', async () => {
    const { respond, calls } = recordingRespond();
    const handle = createMessageHandler({ sqlite, respond });
    const copies = await Promise.all([handle(message('m00')), handle(message('m00')), handle(message('m01'))]);
    const later = await handle(message('m00'));
    expect(copies).toEqual([{ text: 'ok m00' }, { text: 'ok m00' }, { text: 'ok m01' }]);
    expect(later).toEqual({ text: 'ok m00' });
    expect(calls).toEqual(['m00', 'm01']);
  });

  it('commits in batches of at most maxBatch, in arrival order', async () => {
    const { respond, calls, committedDuring } = recordingRespond();
    const handle = createMessageHandler({ sqlite, respond }, { maxBatch: 3, budgetMs: 60_000 });
    await Promise.all(ids(7).map((id) => handle(message(id))));
    expect(calls).toEqual(ids(7));
    expect(committedDuring).toEqual([0, 0, 0, 3, 3, 3, 6]);
  });

  it('stops taking messages into a batch once its time budget is spent (one message at least)', async () => {
    const { respond, committedDuring } = recordingRespond();
    const handle = createMessageHandler({ sqlite, respond }, { budgetMs: 0 });
    await Promise.all(ids(4).map((id) => handle(message(id))));
    expect(committedDuring).toEqual([0, 1, 2, 3]);
  });
});

describe('handleMessage', () => {
  it('processes one message in its own transaction, and a repeat gets the stored reply without running again', () => {
    const { respond, calls } = recordingRespond();
    const first: Reply | null = handleMessage(message('m00'), { sqlite, respond });
    expect(committed()).toBe(1);
    expect(handleMessage(message('m00'), { sqlite, respond })).toEqual(first);
    expect(calls).toEqual(['m00']);
  });
});
