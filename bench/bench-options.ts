import type { RunSize } from './callbacks.js';

/** What `npm run bench -- --only a,b` can choose; all of them by default. */
export const SECTIONS = ['app', 'chatter', 'history', 'mix', 'commands', 'console', 'scoring', 'import', 'postgres'] as const;
export type Section = (typeof SECTIONS)[number];

export interface BenchSizes {
  at2000: RunSize;
  at100: RunSize;
  bareSeconds: number;
  /** Counted history messages per learner (150 × 2,000 learners = 300,000). */
  historyPerLearner: number;
  importRows: number;
  scoring: { learners: number; events: number };
}

export interface BenchOptions {
  quick: boolean;
  sections: ReadonlySet<Section>;
  sizes: BenchSizes;
}

const FULL: BenchSizes = {
  at2000: { messages: 30_000, warmUp: 3_000 },
  at100: { messages: 10_000, warmUp: 3_000 },
  bareSeconds: 10,
  historyPerLearner: 150,
  importRows: 1_000_000,
  scoring: { learners: 100_000, events: 2_000_000 },
};

const QUICK: BenchSizes = {
  at2000: { messages: 6_000, warmUp: 1_000 },
  at100: { messages: 3_000, warmUp: 1_000 },
  bareSeconds: 3,
  historyPerLearner: 15,
  importRows: 50_000,
  scoring: { learners: 20_000, events: 400_000 },
};

export const USAGE = `usage: npm run bench -- [--quick] [--only ${SECTIONS.join(',')}]
  app       app-channel /submit at 2,000 and 100 connections
  chatter   group-robot XML and AI-bot JSON chatter on an empty camp
  history   the same chatter on a camp with a month of history (300,000 counted messages)
  mix       the traffic mix (on the empty camp, and on the history camp when history is chosen too)
  commands  /me and /rank (2,000 learners, 200,000 events)
  console   the console API (2,000 learners, 200,000 events) while /submit callbacks arrive
  scoring   standings and awards, 100,000 learners and 2,000,000 events
  import    events import of 1,000,000 rows beside a serving camp-bot
  postgres  /submit at 2,000 connections over two instances on one PostgreSQL database (against one SQLite
            instance), and scoring read from PostgreSQL; only with BENCH_DATABASE_URL=postgres://… (else skipped)
  --quick   short runs and small fixtures for development (numbers indicative only)`;

/**
 * Reads `--quick` and `--only <sections>` from the command line; throws the usage on anything else.
 * @example parseBenchOptions(['--only', 'chatter,history', '--quick'])
 */
export function parseBenchOptions(argv: string[]): BenchOptions {
  let quick = false;
  let sections = new Set<Section>(SECTIONS);
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i]!;
    if (arg === '--quick') quick = true;
    else if (arg === '--only' || arg.startsWith('--only=')) {
      const list = arg === '--only' ? argv[++i] ?? '' : arg.slice('--only='.length);
      const names = list.split(',').map((name) => name.trim()).filter(Boolean);
      const unknown = names.filter((name) => !(SECTIONS as readonly string[]).includes(name));
      if (names.length === 0 || unknown.length > 0) throw new Error(`unknown bench section "${unknown.join(',') || list}"\n${USAGE}`);
      sections = new Set(names as Section[]);
    } else throw new Error(`unknown option "${arg}"\n${USAGE}`);
  }
  return { quick, sections, sizes: quick ? QUICK : FULL };
}
