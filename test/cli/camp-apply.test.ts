import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { loadCamp } from '../../src/db/camp-store.js';
import { captureIo } from '../support/capture-io.js';
import { sharedTestDb, type SharedTestDb } from '../support/shared-test-db.js';
import { testEngine } from '../support/test-store.js';

const CAMP = `
id: ai-2026q4
name: 人工智能应用结业营
starts: 2026-11-02
ends: 2026-12-04
chats: [wrkChat1]
trainers: [zhangsan]
metrics:
  completion: { weight: 20 }
  exam: { weight: 30 }
  assignment: { weight: 25 }
  project: { weight: 15 }
  practice: { weight: 10 }
`;

describe(`camp-bot camp apply (${testEngine()})`, () => {
  let db: SharedTestDb;
  const write = (name: string, text: string): string => {
    const file = join(db.dir, name);
    writeFileSync(file, text);
    return file;
  };
  beforeEach(async () => {
    db = await sharedTestDb();
  });
  afterEach(() => db.cleanup());

  it('creates the camp, then prints only what changed', async () => {
    const io = captureIo();
    expect(await main(['camp', 'apply', write('camp.yaml', CAMP)], io)).toBe(0);
    expect(io.stdout).toEqual(['已创建训练营 ai-2026q4（人工智能应用结业营）', '  新增培训老师 zhangsan', '  绑定群聊 wrkChat1']);

    const again = captureIo();
    const edited = CAMP.replace('exam: { weight: 30 }', 'exam: { weight: 25 }').replace('practice: { weight: 10 }', 'practice: { weight: 15 }');
    expect(await main(['camp', 'apply', write('camp2.yaml', edited)], again)).toBe(0);
    expect(again.stdout).toEqual([
      '已更新训练营 ai-2026q4（人工智能应用结业营）',
      '  修改 metrics.exam.weight: 30 → 25',
      '  修改 metrics.practice.weight: 10 → 15',
    ]);

    const same = captureIo();
    expect(await main(['camp', 'apply', write('camp2.yaml', edited)], same)).toBe(0);
    expect(same.stdout[1]).toBe('  没有变化（no changes）');
  });

  it('applies nothing from an invalid file and names every problem by key path', async () => {
    await main(['camp', 'apply', write('camp.yaml', CAMP)], captureIo());
    const bad = CAMP.replace('exam: { weight: 30 }', 'exam: { weight: 31 }').replace('ends: 2026-12-04', 'ends: 2026-13-04\ncolour: red');
    const io = captureIo();
    expect(await main(['camp', 'apply', write('bad.yaml', bad)], io)).toBe(1);
    const printed = io.stderr.join('\n');
    expect(printed).toMatch(/营地文件有 \d+ 处错误，未做任何修改/);
    expect(printed).toMatch(/^\s+ends: /m);
    expect(printed).toMatch(/^\s+colour: /m);
    expect((await loadCamp(await db.open(), 'ai-2026q4'))?.metrics.exam.weight).toBe(30);
  });

  it('is a usage error without a file', async () => {
    expect(await main(['camp', 'apply'], captureIo())).toBe(2);
  });
});
