import { loadImportJob } from '../db/import-jobs.js';
import { ApiRefusal } from '../errors.js';
import type { ConsoleApi } from './api-router.js';
import type { ImportJob } from './api-types.js';
import { importJobView, startEventsImport } from './events-import-job.js';
import { uploadOf, type Upload } from './uploaded-file.js';

const REQUIRED = ['type', 'userid', 'value', 'at'];

/** Events imports from the console: `.csv` (SPEC §5) or chat-archive `.jsonl`, run in the background and polled. */
export function importRoutes(api: ConsoleApi): void {
  const { deps } = api;
  api.camp('post', '/imports', ['admin', 'trainer'], async ({ ctx, camp, userid, body }): Promise<ImportJob> => {
    const upload = uploadOf(body, ['.csv', '.jsonl']);
    checkReadable(upload);
    const job = await startEventsImport(deps, camp, upload, userid);
    ctx.status = 202;
    return job;
  });

  api.camp('get', '/imports/:importId', ['admin', 'trainer'], async ({ ctx, campId }): Promise<ImportJob> => {
    const job = await loadImportJob(deps.store, campId, ctx.params.importId ?? '');
    if (!job) throw new ApiRefusal(404, '没有这次导入');
    return importJobView(job, deps.now());
  });
}

/** Refuses at once a CSV whose header lacks a required column, or a `.jsonl` whose first line is not JSON. */
function checkReadable(upload: Upload): void {
  const first = upload.content.toString('utf8').replace(/^\uFEFF/, '').split(/\r?\n/).find((line) => line.trim() !== '') ?? '';
  if (upload.extension === '.csv') {
    const header = first.split(',').map((column) => column.trim().toLowerCase());
    const missing = REQUIRED.filter((column) => !header.includes(column));
    if (missing.length > 0) throw new ApiRefusal(400, `表头缺少 ${missing.join(', ')}（应为 type,userid,value,at,ref,actor,note）`, { lines: [{ line: 1, message: `表头缺少 ${missing.join(', ')}` }] });
    return;
  }
  try {
    JSON.parse(first);
  } catch {
    throw new ApiRefusal(400, '第一行不是 JSON：会话存档文件应每行一条 JSON 消息', { lines: [{ line: 1, message: '不是 JSON' }] });
  }
}
