import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Db } from '../db/db.js';
import { standingsJson } from '../report/standings-json.js';
import { exportTables } from '../insight/export-tables.js';
import { loadExportInput } from '../insight/load-export-input.js';
import { writeXlsx } from '../insight/write-xlsx.js';
import type { Standings } from '../scoring/standings.js';
import type { CapturedUpload } from './recording-proxy.js';

/** What the demo wrote under its output folder. */
export interface DemoFiles {
  certificates: string[];
  /** The other uploads: the admins' prize list (CSV) and any chart a trainer asked for. */
  adminFiles: string[];
  xlsx: string;
  standings: string;
}

/** A name safe on any file system (the bot names files after award ids and userids, so this rarely changes anything). */
function safeName(name: string): string {
  return name.replace(/[/\\:*?"<>|\u0000-\u001f]/g, '_');
}

/**
 * Writes the certificate PNGs and the admins' prize list exactly as the bot uploaded them to WeCom, the export
 * workbook (standings, awards, prize hand-over) and `standings.json` (the `standings --json` document).
 */
export async function writeDemoFiles(outDir: string, db: Db, campId: string, standings: Standings, uploads: CapturedUpload[]): Promise<DemoFiles> {
  const files: DemoFiles = { certificates: [], adminFiles: [], xlsx: join(outDir, `${campId}-export.xlsx`), standings: join(outDir, 'standings.json') };
  for (const upload of uploads) {
    // The bot names certificate uploads `证书-<award>-<userid>.png`; anything else (the prize list, a /stats chart) is not one.
    const isCertificate = upload.filename.startsWith('证书-') && upload.filename.toLowerCase().endsWith('.png');
    const file = isCertificate ? join(outDir, 'certificates', safeName(upload.filename)) : join(outDir, safeName(upload.filename));
    writeFileSync(file, upload.bytes);
    (isCertificate ? files.certificates : files.adminFiles).push(file);
  }
  await writeXlsx(exportTables(await loadExportInput(db, campId, standings.asOf)), files.xlsx);
  writeFileSync(files.standings, JSON.stringify(standingsJson(standings), null, 2) + '\n');
  return files;
}
