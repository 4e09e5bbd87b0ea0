import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMessageHandler, handleMessage, type Respond } from '../../src/app/handle-message.js';
import type { InboundMessage, Reply } from '../../src/bot/inbound-message.js';
import type { Db, Store } from '../../src/db/db.js';
import { appendEvent, verifyChain } from '../../src/db/ledger.js';
import { listEvents } from '../../src/db/list-events.js';
import { checkMessage } from '../../src/db/processed-messages.js';
import { testEngine } from '../support/test-store.js';
import { loseTransaction, openObservedStore, type ObservedStore } from './observed-store.js';

let db: ObservedStore;
let store: Store;
/** A second connection: it sees only what the handler's connection has committed. */
let observer: Store;

beforeEach(async () => {
  db = await openObservedStore();
  ({ store, observer } = db);
});

afterEach(() => db.close());

function message(msgId: string): InboundMessage {
  return { channel: 'app', msgId, from: { userid: 'ming' }, chatId: null, chatType: 'single', kind: 'text', text: msgId, createdAt: null, receivedAt: 0 };
}

const ids = (n: number): string[] => Array.from({ length: n }, (_, i) => `m${String(i).padStart(2, '0')}`);

/** The messages (of the at most 20 a test sends) whose processing the observer sees committed. */
async function committedKeys(): Promise<string[]> {
  const done: string[] = [];
  for (const id of ids(20)) if ((await checkMessage(observer, `app:${id}`)).kind === 'done') done.push(`app:${id}`);
  return done;
}
const committed = async (): Promise<number> => (await committedKeys()).length;
/** The message ids of the committed ledger rows, one per committed run of `respond` (events are never deduplicated here). */
const committedRecords = async (): Promise<string[]> => (await listEvents(observer)).map((event) => event.ref!);

/** Appends one event per message (its MsgId as ref) and notes what the observer saw committed meanwhile. */
function recordingRespond(options: { failOn?: string; loseOn?: string } = {}) {
  const calls: string[] = [];
  const committedDuring: number[] = [];
  const respond: Respond = async (tx: Db, m) => {
    calls.push(m.msgId);
    committedDuring.push(await committed());
    await appendEvent(tx, { campId: 'c', type: 'participation', userid: 'ming', num: 1, ref: m.msgId, actor: 'ming', source: 'chat', happenedAt: 0 }, 0);
    if (m.msgId === options.failOn) throw new Error('handler bug');
    if (m.msgId === options.loseOn) {
      options.loseOn = undefined;
      await loseTransaction(tx);
    }
    return { text: `ok ${m.msgId}` };
  };
  return { respond, calls, committedDuring };
}

describe('group commit', () => {
  it('runs messages that arrive together in one transaction and answers only after it committed', async () => {
    const { respond, calls, committedDuring } = recordingRespond();
    const handle = createMessageHandler({ store, respond }, { budgetMs: 60_000 });
    const committedWhenAnswered: number[] = [];
    const replies = await Promise.all(
      ids(20).map((id) => handle(message(id)).then(async (reply) => {
        committedWhenAnswered.push(await committed());
        return reply;
      })),
    );
    expect(replies).toEqual(ids(20).map((id) => ({ text: `ok ${id}` })));
    expect(calls).toEqual(ids(20));
    // Nothing was committed while any of the 20 ran (one transaction), and all 20 were by the first answer.
    expect(committedDuring).toEqual(Array(20).fill(0));
    expect(committedWhenAnswered).toEqual(Array(20).fill(20));
    expect(await committedRecords()).toEqual(ids(20));
  });

  it('rolls back only the failing message; the others of its batch commit', async () => {
    const { respond } = recordingRespond({ failOn: 'm02' });
    const handle = createMessageHandler({ store, respond, log: () => {} }, { budgetMs: 60_000 });
    const outcomes = await Promise.allSettled(ids(5).map((id) => handle(message(id))));
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
    expect((outcomes[2] as PromiseRejectedResult).reason).toEqual(new Error('handler bug'));
    expect(await committedRecords()).toEqual(['m00', 'm01', 'm03', 'm04']);
    expect(await committedKeys()).toEqual(['app:m00', 'app:m01', 'app:m03', 'app:m04']);
  });

  it('runs again every message of a batch whose transaction is lost, until each has committed exactly once', async () => {
    const { respond, calls } = recordingRespond({ loseOn: 'm01' });
    const lines: string[] = [];
    const handle = createMessageHandler({ store, respond, log: (line) => lines.push(line) }, { budgetMs: 60_000 });
    const replies = await Promise.all(ids(3).map((id) => handle(message(id))));
    const again = await Promise.all(ids(3).map((id) => handle(message(id))));
    expect(replies).toEqual(ids(3).map((id) => ({ text: `ok ${id}` })));
    expect(again).toEqual(replies);
    // m00 and m01 ran in the lost transaction (m02 came after the loss), then once each in a transaction that
    // committed; never again.
    expect([...calls].sort()).toEqual(['m00', 'm00', 'm01', 'm01', 'm02']);
    expect((await committedRecords()).sort()).toEqual(ids(3));
    expect(await committedKeys()).toEqual(ids(3).map((id) => `app:${id}`));
    expect(lines.some((line) => line.startsWith('message app:m00: storage unavailable (TransactionAborted'))).toBe(true);
  });

  it('runs a message retried while it is in flight once, and answers every copy with its reply', async () => {
    const { respond, calls } = recordingRespond();
    const handle = createMessageHandler({ store, respond });
    const copies = await Promise.all([handle(message('m00')), handle(message('m00')), handle(message('m01'))]);
    const later = await handle(message('m00'));
    expect(copies).toEqual([{ text: 'ok m00' }, { text: 'ok m00' }, { text: 'ok m01' }]);
    expect(later).toEqual({ text: 'ok m00' });
    expect(calls).toEqual(['m00', 'm01']);
  });

  it('commits in batches of at most maxBatch, in arrival order', async () => {
    const { respond, calls, committedDuring } = recordingRespond();
    const handle = createMessageHandler({ store, respond }, { maxBatch: 3, budgetMs: 60_000, concurrency: 1 });
    await Promise.all(ids(7).map((id) => handle(message(id))));
    expect(calls).toEqual(ids(7));
    expect(committedDuring).toEqual([0, 0, 0, 3, 3, 3, 6]);
  });

  // SQLite has one writer: its batches take turns (a batch waiting for another would wait forever).
  it.runIf(testEngine() === 'postgres')('runs batches side by side on PostgreSQL, each committing its own, in one chain', async () => {
    const { respond: record } = recordingRespond();
    let started!: () => void;
    const secondStarted = new Promise<void>((resolve) => (started = resolve));
    const respond: Respond = async (tx, m, now) => {
      if (m.msgId === 'm01') started();
      const reply = await record(tx, m, now);
      if (m.msgId === 'm00') await secondStarted; // m00's batch stays open until m01's has begun
      return reply;
    };
    const handle = createMessageHandler({ store, respond }, { maxBatch: 1 });
    expect(await Promise.all(ids(4).map((id) => handle(message(id))))).toEqual(ids(4).map((id) => ({ text: `ok ${id}` })));
    expect((await committedRecords()).sort()).toEqual(ids(4));
    expect(await verifyChain(observer)).toEqual({ ok: true, count: 4, signed: false });
  });

  it('stops taking messages into a batch once its time budget is spent (one message at least)', async () => {
    const { respond, committedDuring } = recordingRespond();
    const handle = createMessageHandler({ store, respond }, { budgetMs: 0 });
    await Promise.all(ids(4).map((id) => handle(message(id))));
    expect(committedDuring).toEqual([0, 1, 2, 3]);
  });
});

describe('handleMessage', () => {
  it('processes one message in its own transaction, and a repeat gets the stored reply without running again', async () => {
    const { respond, calls } = recordingRespond();
    const first: Reply | null = await handleMessage(message('m00'), { store, respond });
    expect(first).toEqual({ text: 'ok m00' });
    expect(await committed()).toBe(1);
    expect(await handleMessage(message('m00'), { store, respond })).toEqual(first);
    expect(calls).toEqual(['m00']);
  });
});
