import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { seededRandom } from './seeded-random.js';

const KINDS = ['lesson', 'exam', 'project', 'practice', 'participation'] as const;

function row(random: () => number, learners: number, at: string): string {
  const type = KINDS[Math.floor(random() * KINDS.length)]!;
  const learner = `u${Math.floor(random() * learners)}`;
  if (type === 'lesson') return `lesson,${learner},${1 + Math.floor(random() * 10)},${at},,import,`;
  if (type === 'exam') return `exam,${learner},${Math.floor(random() * 101)},${at},${random() < 0.5 ? 'final' : 'mid'},import,`;
  return `${type},${learner},${1 + Math.floor(random() * 3)},${at},,import,线下活动`;
}

/**
 * Writes an events CSV (`type,userid,value,at,ref,actor,note`, SPEC §5) of `rows` valid rows for learners `u0…`:
 * lessons, exams and points, one second apart and ending an hour before `end`, so no two rows are alike.
 * @example await writeEventsCsv('events.csv', 1_000_000, 2000, Date.now())
 */
export async function writeEventsCsv(file: string, rows: number, learners: number, end: number): Promise<void> {
  const random = seededRandom(11);
  const first = end - 3_600_000 - rows * 1000;
  const out = createWriteStream(file);
  out.write('type,userid,value,at,ref,actor,note\n');
  for (let i = 0; i < rows; i += 1) {
    const at = new Date(first + i * 1000).toISOString();
    if (!out.write(`${row(random, learners, at)}\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}
