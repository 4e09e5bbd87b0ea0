import { closeSync, mkdirSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { seededRandom, type SeededRandom } from '../src/demo/seeded-random.js';

/** A five-week camp that ended before the fixture's times are read, with one bound group chat. */
export const IMPORT_CAMP_YAML = `
id: import-bench
name: 导入测试营
timezone: Asia/Shanghai
starts: 2026-10-01
ends: 2026-11-05
lessons: 10
chats: [bench-room]
trainers: [trainer1]
metrics:
  completion: { weight: 20 }
  exam: { weight: 30 }
  assignment: { weight: 25 }
  project: { weight: 10, target: 20 }
  practice: { weight: 5, target: 3 }
  participation: { weight: 5, target: 30, minChars: 5, cooldownSeconds: 60, dailyCap: 20 }
  attendance: { weight: 5 }
`;

export const IMPORT_CAMP_ID = 'import-bench';
const START = Date.parse('2026-10-01T01:00:00Z');
const SPAN = 30 * 86_400_000;
const ASSIGNMENTS = ['h1', 'h2', 'h3', 'h4', 'h5'];

/** Row mix per 1,000 rows of an exam system's or a spreadsheet's export. */
const MIX: [string, number][] = [
  ['lesson', 300], ['checkin', 200], ['exam', 120], ['participation', 120], ['submission', 90], ['grade', 60],
  ['review', 40], ['project', 40], ['practice', 30],
];

/** Writes lines through a small buffer, so a million rows never sit in memory as one string. */
function lineWriter(file: string): { write: (line: string) => void; close: () => void } {
  const fd = openSync(file, 'w');
  let pending: string[] = [];
  const flush = (): void => {
    writeSync(fd, pending.join(''));
    pending = [];
  };
  return {
    write: (line) => {
      pending.push(line + '\n');
      if (pending.length >= 10_000) flush();
    },
    close: () => {
      flush();
      closeSync(fd);
    },
  };
}

/** `roster.csv` with learners `u0…u<n-1>` in teams of 20, and the trainer. */
export function writeRosterCsv(file: string, learners: number): void {
  const out = lineWriter(file);
  out.write('userid,name,department,team,role,joined');
  for (let i = 0; i < learners; i += 1) out.write(`u${i},学员${i},部门${i % 37},T${Math.floor(i / 20)},learner,`);
  out.write('trainer1,王老师,培训部,,trainer,');
  out.close();
}

function pickType(random: SeededRandom): string {
  let x = random.next() * 1000;
  for (const [type, share] of MIX) if ((x -= share) < 0) return type;
  return 'lesson';
}

function localTime(ms: number): string {
  return new Date(ms + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
}

function eventRow(type: string, random: SeededRandom, learners: number, at: number): string {
  const index = random.int(0, learners - 1);
  const learner = `u${index}`;
  const iso = new Date(at).toISOString();
  const assignment = random.pick(ASSIGNMENTS);
  switch (type) {
    case 'lesson': return `lesson,${learner},${random.int(1, 10)},${localTime(at)},,,`;
    case 'checkin': return `checkin,${learner},,${iso},第${random.int(1, 20)}次课,,`;
    case 'exam': return `exam,${learner},${random.int(40, 100)},${iso},${random.chance(0.5) ? 'final' : 'mid'},trainer1,`;
    case 'submission': return `submission,${learner},https://example.com/w/${random.int(1, 1e6)},${iso},${assignment},,`;
    case 'grade': return `grade,${learner},${random.int(50, 100)},${iso},${assignment},trainer1,"不错，继续"`;
    case 'review': return `review,${learner},${random.int(50, 100)},${iso},${assignment},u${(index + random.int(1, learners - 1)) % learners},`;
    case 'project': return `project,${learner},${random.int(-2, 5)},${iso},,trainer1,项目加分`;
    case 'practice': return `practice,${learner},1,${iso},,trainer1,`;
    default: return `participation,${learner},1,${iso},,,线下讨论`;
  }
}

/**
 * An events CSV (SPEC §5) of `rows` rows for learners `u0…u<learners-1>`: the camp's assignments first, then a mix
 * of lesson, check-in, exam, points and assignment-work rows spread over the camp's first 30 days. Same seed, same file.
 */
export function writeEventsCsv(file: string, rows: number, learners: number, seed = 42): void {
  const random = seededRandom(seed);
  const out = lineWriter(file);
  out.write('type,userid,value,at,ref,actor,note');
  ASSIGNMENTS.forEach((id, i) => out.write(`assignment,,${i === 0 ? 'user-research' : ''},${new Date(START).toISOString()},${id},trainer1,作业${i + 1}`));
  for (let i = ASSIGNMENTS.length; i < rows; i += 1) {
    out.write(eventRow(pickType(random), random, learners, START + Math.floor((i / rows) * SPAN)));
  }
  out.close();
}

/**
 * A WeCom chat-archive JSONL of `messages` group messages in the camp's bound room from learners `u0…u<learners-1>`,
 * spread over 30 days: mostly sentences long enough to count, some short replies, commands and images.
 */
export function writeChatArchive(file: string, messages: number, learners: number, seed = 7): void {
  const random = seededRandom(seed);
  const out = lineWriter(file);
  for (let i = 0; i < messages; i += 1) {
    const msgtime = START + Math.floor((i / messages) * SPAN) + random.int(0, 59_000);
    const kind = random.next();
    const base = { msgid: `arch-${i}`, action: 'send', from: `u${random.int(0, learners - 1)}`, roomid: 'bench-room', msgtime };
    const text = kind < 0.03 ? '好的' : kind < 0.04 ? '/rank' : `第${i}条：今天的练习我按老师说的方法做了一遍，收获很大`;
    const record = kind > 0.97 ? { ...base, msgtype: 'image' } : { ...base, msgtype: 'text', text: { content: text } };
    out.write(JSON.stringify(record));
  }
  out.close();
}

/**
 * `node --import tsx bench/import-fixture.ts <dir> [events rows] [chat messages]` writes the four files into <dir>;
 * then, with `DB_FILE=<dir>/camp.db`: `camp apply <dir>/camp.yaml`, `roster import import-bench <dir>/roster.csv` and
 * `/usr/bin/time -v node bin/camp-bot.js events import import-bench <dir>/events.csv` (or `<dir>/chat.jsonl`).
 */
function writeAll(args: string[]): void {
  const dir = resolve(args[0] ?? 'bench-import');
  const rows = Number(args[1] ?? 1_000_000);
  const messages = Number(args[2] ?? 310_000);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'camp.yaml'), IMPORT_CAMP_YAML);
  writeRosterCsv(join(dir, 'roster.csv'), 2_000);
  writeEventsCsv(join(dir, 'events.csv'), rows, 2_000);
  writeChatArchive(join(dir, 'chat.jsonl'), messages, 2_000);
  console.log(`wrote ${dir}/{camp.yaml,roster.csv,events.csv,chat.jsonl}: ${rows} event rows, ${messages} chat messages`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) writeAll(process.argv.slice(2));
