import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { NewEvent } from '../../src/db/event-types.js';
import { ValidationError } from '../../src/errors.js';
import type { EventRowContext } from '../../src/import/event-row.js';
import { eventRows } from '../../src/import/event-rows.js';
import { eventsFromWorker } from '../../src/import/events-from-worker.js';
import { importedEvents } from '../../src/import/imported-events.js';
import { tempDbFile } from '../support/temp-db-file.js';

const CTX: EventRowContext = { campId: 'c1', lessons: 4, timeZone: 'Asia/Shanghai', learners: new Set(['a', 'b']), now: Date.parse('2026-11-30T00:00:00Z') };
const ROWS = Array.from({ length: 4500 }, (_, i) => `exam,${i % 2 ? 'a' : 'b'},${i % 101},2026-11-10T10:00+08:00,e${i % 7},,`);

async function all(events: AsyncIterable<NewEvent>): Promise<NewEvent[]> {
  const out: NewEvent[] = [];
  for await (const event of events) out.push(event);
  return out;
}

describe('eventsFromWorker', () => {
  let temp: ReturnType<typeof tempDbFile>;
  let file: string;
  beforeEach(() => {
    temp = tempDbFile();
    file = join(temp.dir, 'events.csv');
    writeFileSync(file, ['type,userid,value,at,ref,actor,note', ...ROWS].join('\n'));
  });
  afterEach(() => temp.cleanup());

  it('yields what importedEvents yields in this thread, across batches', async () => {
    const here = await all(importedEvents(eventRows(file, 'utf-8'), CTX, new Set()));
    expect(here).toHaveLength(4500);
    expect(await all(eventsFromWorker(file, 'utf-8', CTX, new Set()))).toEqual(here);
  });

  it('throws the ValidationError of a row that no longer passes, naming its line', async () => {
    const error = await all(eventsFromWorker(file, 'utf-8', { ...CTX, learners: new Set(['b']) }, new Set())).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as Error).message).toMatch(/^line 3: userid "a" 不是本营学员/);
  });

  it('throws what else stopped the worker', async () => {
    await expect(all(eventsFromWorker(join(temp.dir, 'gone.csv'), 'utf-8', CTX, new Set()))).rejects.toThrow(/ENOENT/);
  });
});
