import { formatLocalTime } from '../camp/time-zone.js';
import { requireCamp } from '../db/camp-standings.js';
import { transaction, type Db } from '../db/db.js';
import { EVENT_TYPES } from '../scoring/event-type.js';
import { listEvents, type EventFilter, type LedgerEvent } from '../db/list-events.js';
import { loadRevoked } from '../db/load-facts.js';
import { UsageError } from '../errors.js';
import { eventJson } from '../report/event-json.js';
import { formatTable } from '../report/format-table.js';
import type { CliCommand, CliIo } from './cli-command.js';
import { parseFlags } from './parse-flags.js';
import { withStore } from './with-store.js';

/** Events read and printed at a time, so a camp of millions of events never sits in memory at once. */
const PAGE = 5_000;

export const eventsListCommand: CliCommand = {
  path: ['events', 'list'],
  usage: 'events list <camp-id> [--json] [--type <type>] [--user <userid>]',
  summary: 'the camp\'s events, oldest first',
  async run(args, io) {
    const { positional, flags } = parseFlags(args, { values: ['type', 'user'], switches: ['json'] });
    const [campId, ...extra] = positional;
    if (!campId || extra.length > 0) throw new UsageError('expected exactly one <camp-id>');
    const type = typeof flags.type === 'string' ? flags.type : undefined;
    if (type !== undefined && !(EVENT_TYPES as readonly string[]).includes(type)) {
      throw new UsageError(`unknown event type "${type}" (one of ${EVENT_TYPES.join(', ')})`);
    }
    const userid = typeof flags.user === 'string' ? flags.user : undefined;
    // One snapshot: on PostgreSQL ids need not follow commit order, so paging by id over a live ledger could skip an
    // event that commits behind the page boundary; in a snapshot every page and the revocations agree.
    return withStore((store) => transaction(store, async (snapshot) => {
      const camp = await requireCamp(snapshot, campId);
      const revoked = await loadRevoked(snapshot, campId, Date.now());
      const pages = eventPages(snapshot, { campId, type, userid });
      if (flags.json) await printJson(pages, revoked, io);
      else await printTable(pages, revoked, camp.timezone, io);
      return 0;
    }, 'read'));
  },
};

async function* eventPages(db: Db, filter: EventFilter): AsyncGenerator<LedgerEvent[]> {
  for (let afterId = 0; ;) {
    const page = await listEvents(db, { ...filter, afterId, limit: PAGE });
    if (page.length === 0) return;
    yield page;
    afterId = page.at(-1)!.id;
  }
}

/** A JSON array, one event a line; a page is printed once the next is known, so the last row gets no comma. */
async function printJson(pages: AsyncGenerator<LedgerEvent[]>, revoked: ReadonlySet<number>, io: CliIo): Promise<void> {
  let held: string | null = null;
  for await (const page of pages) {
    if (held === null) io.out('[');
    else io.out(`${held},`);
    held = page.map((event) => JSON.stringify(eventJson(event, revoked))).join(',\n');
  }
  io.out(held === null ? '[]' : `${held}\n]`);
}

async function printTable(pages: AsyncGenerator<LedgerEvent[]>, revoked: ReadonlySet<number>, timeZone: string, io: CliIo): Promise<void> {
  let count = 0;
  for await (const page of pages) {
    const rows = page.map((event) => {
      const { value, revoked: isRevoked } = eventJson(event, revoked);
      const cells = [`#${event.id}`, formatLocalTime(event.happenedAt, timeZone), event.type, event.userid ?? '-', value === null ? '-' : String(value)];
      return [...cells, event.ref ?? '-', event.source, event.actor, isRevoked ? '已撤销' : ''];
    });
    const header = count === 0 ? [['编号', '发生时间', '类型', '学员', '值', '引用', '来源', '操作人', '']] : [];
    for (const line of formatTable([...header, ...rows])) io.out(line);
    count += page.length;
  }
  io.out(count === 0 ? '（没有事件）' : `共 ${count} 条`);
}
