import { databaseSettings } from '../config.js';
import { copyDatabase } from '../db/copy-database.js';
import { verifyChain } from '../db/ledger.js';
import { openStore } from '../db/open-store.js';
import { UsageError } from '../errors.js';
import type { CliCommand } from './cli-command.js';
import { parseFlags } from './parse-flags.js';
import { withStore } from './with-store.js';

/** The target of `--to`: a PostgreSQL URL or a SQLite file. */
function targetOf(to: string): { databaseUrl: string | null; dbFile: string } {
  return /^postgres(ql)?:\/\//i.test(to) ? { databaseUrl: to, dbFile: ':memory:' } : { databaseUrl: null, dbFile: to };
}

/**
 * `db copy --to <postgres://… | file.db>`: moves every camp, event and hash from the configured database (DB_FILE, or
 * DATABASE_URL) into a new, empty one, migrating it first, then checks the copy with `audit verify`'s checks. Run it
 * with `serve` stopped: it copies what is there when it starts.
 */
export const dbCopyCommand: CliCommand = {
  path: ['db', 'copy'],
  usage: 'db copy --to <postgres://user:pw@host/db | file.db>',
  summary: 'copy every camp, event and hash into a new database (SQLite → PostgreSQL, or back)',
  async run(args, io) {
    const { positional, flags } = parseFlags(args, { values: ['to'] });
    if (positional.length > 0 || typeof flags.to !== 'string' || flags.to.trim() === '') throw new UsageError('需要 --to <目标数据库>');
    const { auditSecret } = databaseSettings();
    return withStore(async (source) => {
      const target = await openStore({ ...targetOf(flags.to as string), auditSecret, maxConnections: 2 });
      try {
        const report = io.isTty ? (table: string, rows: number) => io.err(`  ${table}: ${rows}`) : undefined;
        const copied = await copyDatabase(source, target, report);
        const check = await verifyChain(target);
        io.out(`已复制到 ${target.location}：${Object.entries(copied).map(([table, rows]) => `${table} ${rows}`).join('，')}`);
        if (!check.ok) {
          io.err(`复制后的账本校验失败：${check.eventId === null ? '' : `事件 #${check.eventId}：`}${check.reason}`);
          return 1;
        }
        io.out(`账本校验通过：${check.count} 条事件的哈希链与来源一致`);
        return 0;
      } finally {
        await target.close();
      }
    });
  },
};
