import { randomBytes } from 'node:crypto';
import type { CampConfig } from '../camp/camp-config.js';
import { createImportJob, updateImportJob, type ImportJobChange, type StoredImportJob } from '../db/import-jobs.js';
import { ValidationError } from '../errors.js';
import { importEventsFile } from '../import/import-events-file.js';
import { withTempFile } from '../import/with-temp-file.js';
import type { ImportJob } from './api-types.js';
import type { ConsoleDeps } from './console-deps.js';
import { linesOf } from './problem-details.js';
import type { Upload } from './uploaded-file.js';

/** How often a running import writes its progress for the pages polling it. */
const PROGRESS_EVERY_MS = 250;
/**
 * A job still running without a word for this long was being run by an instance that stopped: its transaction rolled
 * back with it (a million rows take about a minute), so nothing of it was recorded.
 */
const ABANDONED_AFTER_MS = 15 * 60_000;

/**
 * Starts `camp-bot events import` of an uploaded file in the background (SPEC §5: all-or-nothing, every bad row by
 * line, a re-import records nothing new) and returns the job, whose progress and outcome every instance can read.
 */
export async function startEventsImport(deps: ConsoleDeps, camp: CampConfig, upload: Upload, by: string): Promise<ImportJob> {
  const now = deps.now();
  const job: StoredImportJob = {
    id: `imp-${randomBytes(6).toString('hex')}`, campId: camp.id, state: 'checking', processed: 0, total: dataRows(upload),
    recorded: 0, duplicates: 0, error: null, lines: '[]', startedBy: by, createdAt: now, updatedAt: now,
  };
  await createImportJob(deps.store, job);
  void runImport(deps, camp, upload, job).catch((error: unknown) => deps.log(`console import ${job.id}: ${String(error)}`));
  return importJobView(job, now);
}

/** A stored job as the API shows it at `now`: one its instance abandoned shows as failed. */
export function importJobView(job: StoredImportJob, now: number): ImportJob {
  const { id, state, processed, total, recorded, duplicates, error } = job;
  const view = { id, state, processed: Math.min(processed, total), total, recorded, duplicates, error, lines: JSON.parse(job.lines) };
  const running = state === 'checking' || state === 'recording';
  if (!running || now - job.updatedAt < ABANDONED_AFTER_MS) return view;
  return { ...view, state: 'failed', error: '导入中断了：处理它的服务已停止，没有导入任何内容，请重新上传' };
}

async function runImport(deps: ConsoleDeps, camp: CampConfig, upload: Upload, job: StoredImportJob): Promise<void> {
  const update = (change: ImportJobChange) => updateImportJob(deps.store, job.id, change, deps.now());
  let lastWrite = 0;
  let pending = Promise.resolve();
  const progress = (stage: string, rows: number): void => {
    if (deps.now() - lastWrite < PROGRESS_EVERY_MS) return;
    lastWrite = deps.now();
    pending = pending.then(() => update({ state: stage === 'written' ? 'recording' : 'checking', processed: rows }));
  };
  try {
    const result = await withTempFile(upload.extension, upload.content, (file) => importEventsFile(deps.store, camp, file, deps.now(), progress));
    await pending;
    await update({ state: 'done', processed: job.total, recorded: result.recorded, duplicates: result.duplicates });
  } catch (error) {
    await pending.catch(() => undefined);
    if (!(error instanceof ValidationError)) {
      deps.log(`console import ${job.id} failed: ${error instanceof Error ? error.stack : String(error)}`);
      return update({ state: 'failed', error: '导入出错了，未导入任何内容，请稍后再试', lines: '[]' });
    }
    // A refused file was read to its end first: every bad row is listed.
    await update({ state: 'failed', processed: job.total, error: error.message, lines: JSON.stringify(linesOf(error.problems)) });
  }
}

/** Rows the file holds: its non-empty lines, less the header of a CSV. */
function dataRows(upload: Upload): number {
  const lines = upload.content.toString('utf8').split(/\r?\n/).filter((line) => line.trim() !== '').length;
  return Math.max(0, upload.extension === '.csv' ? lines - 1 : lines);
}
