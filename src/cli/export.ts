import { UsageError } from '../errors.js';
import { exportTables } from '../insight/export-tables.js';
import { loadExportInput } from '../insight/load-export-input.js';
import { writeCsv } from '../insight/write-csv.js';
import { writeXlsx } from '../insight/write-xlsx.js';
import type { CliCommand } from './cli-command.js';
import { campAt } from './parse-at.js';
import { parseFlags } from './parse-flags.js';
import { withStore } from './with-store.js';

/**
 * `export <camp-id> --format csv|xlsx --out <file>`: XLSX has the sheets 排名, 奖项 and 领奖; CSV writes the standings
 * to `<file>` and the awards and prize hand-over beside it as `<name>-awards.csv` and `<name>-prizes.csv`.
 */
export const exportCommand: CliCommand = {
  path: ['export'],
  usage: 'export <camp-id> --format csv|xlsx --out <file> [--at <ISO time>]',
  summary: 'standings with every metric, awards and prize hand-over (xlsx: 3 sheets; csv: <file> + -awards/-prizes.csv)',
  async run(args, io) {
    const { positional, flags } = parseFlags(args, { values: ['format', 'out', 'at'] });
    const [campId] = positional;
    if (!campId || positional.length > 1) throw new UsageError('export takes one camp id');
    const format = flags.format;
    if (format !== 'csv' && format !== 'xlsx') throw new UsageError('--format must be csv or xlsx');
    if (typeof flags.out !== 'string' || flags.out.trim() === '') throw new UsageError('--out <file> is required');
    const out = flags.out;
    const tables = await withStore(async (store) => exportTables(await loadExportInput(store, campId, (await campAt(store, campId, flags.at)).asOf)));
    if (format === 'xlsx') await writeXlsx(tables, out);
    const files = format === 'xlsx' ? [out] : writeCsv(tables, out);
    io.out(`已导出：${files.join('、')}`);
    return 0;
  },
};
