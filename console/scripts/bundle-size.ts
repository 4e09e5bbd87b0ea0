import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/**
 * Prints the gzipped JavaScript a browser loads to open the console: the entry with its static imports, plus the
 * heaviest first page (each role's home is the first page of someone). Chart code is loaded later, on demand.
 * Exit 1 when the first load with the charts reaches 300 KB. Run after `npm run build:console`.
 */
interface Chunk {
  file: string;
  src?: string;
  isEntry?: boolean;
  imports?: string[];
}

const BUDGET_KB = 300;
const dist = join(import.meta.dirname, '..', 'dist');
const manifest = JSON.parse(readFileSync(join(dist, '.vite', 'manifest.json'), 'utf8')) as Record<string, Chunk>;
const gzipKb = (file: string): number => gzipSync(readFileSync(join(dist, file)), { level: 9 }).length / 1024;

function staticGraph(key: string, seen = new Set<string>()): Set<string> {
  if (seen.has(key)) return seen;
  seen.add(key);
  for (const next of manifest[key]?.imports ?? []) staticGraph(next, seen);
  return seen;
}

const total = (keys: Iterable<string>): number => [...keys].reduce((sum, key) => sum + gzipKb(manifest[key]!.file), 0);
const entry = Object.keys(manifest).find((key) => manifest[key]!.isEntry)!;
const shell = staticGraph(entry);
const homes = ['learner/LearnerHome', 'trainer/TrainerHome', 'admin/AdminHome', 'manager/PracticeCases'].map((page) => {
  const key = Object.keys(manifest).find((k) => k.endsWith(`pages/${page}.vue`))!;
  return { page, kb: total([...staticGraph(key)].filter((k) => !shell.has(k))) };
});
const heaviest = homes.reduce((a, b) => (b.kb > a.kb ? b : a));
const firstLoad = total(shell) + heaviest.kb;
const charts = Object.keys(manifest).find((key) => key.includes('echarts-setup'))!;

console.log(`entry (index.html and its imports): ${total(shell).toFixed(2)} KB gzipped JS`);
for (const home of homes) console.log(`  + first page ${home.page}: ${home.kb.toFixed(2)} KB`);
console.log(`first load (entry + heaviest first page): ${firstLoad.toFixed(2)} KB gzipped JS (budget < ${BUDGET_KB} KB)`);
const chartsKb = gzipKb(manifest[charts]!.file);
console.log(`charts, loaded on demand: ${chartsKb.toFixed(2)} KB gzipped JS`);
console.log(`worst first screen (first load + charts, as the learner home draws one): ${(firstLoad + chartsKb).toFixed(2)} KB gzipped JS`);
process.exit(firstLoad + chartsKb < BUDGET_KB ? 0 : 1);
