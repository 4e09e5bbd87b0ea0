import { openDatabase } from '../src/db/open-database.js';
import { loadCamp } from '../src/db/camp-store.js';
import { learnersOf } from '../src/db/roster-store.js';
import { loadRevoked, feedCampFacts } from '../src/db/load-facts.js';
import { createScoreAccumulator } from '../src/scoring/score-accumulator.js';
const d = openDatabase('/tmp/benchdb/bench.db');
const s = d.sqlite;
const asOf = Date.parse('2026-12-04T10:00:00Z');
let t = performance.now(); let c = process.cpuUsage();
const lap = (label: string) => { const n = performance.now(); const cu = process.cpuUsage(c); console.log(label, Math.round(n - t), "ms wall", Math.round((cu.user + cu.system) / 1000), "ms cpu rss", Math.round(process.memoryUsage().rss / 1e6)); t = n; c = process.cpuUsage(); };
const config = loadCamp(s, 'bench')!; lap('camp');
const learners = learnersOf(s, 'bench'); lap('learners');
const revoked = loadRevoked(s, 'bench', asOf); lap('revoked ' + revoked.size);
let n = 0;
feedCampFacts(s, 'bench', asOf, revoked, 10, () => { n++; }); lap('feed (count only) ' + n);
const acc = createScoreAccumulator({ config, learners, asOf, revoked });
feedCampFacts(s, 'bench', asOf, revoked, 10, (f) => acc.add(f)); lap('feed to acc');
const st = acc.finish(); lap('finish ' + st.rows.length);
for (const types of [['exam', 'grade', 'review', 'session'], ['assignment', 'weights'], ['submission'], ['lesson'], ['checkin'], ['project', 'practice', 'participation']]) {
  let k = 0; feedCampFacts(s, 'bench', asOf, revoked, 10, () => { k++; }, new Set(types as never[])); lap(types.join(',') + ' ' + k);
}
