import type { UploadedFile } from '../../src/console/api-types.js';
import { ValidationError } from '../../src/errors.js';
import { readTableBytes } from '../../src/import/read-table-bytes.js';
import type { Table } from '../../src/import/table-row.js';
import { refuse } from './mock-http.js';

/** The `file` of an upload body: its name and decoded bytes. */
export function uploadedFile(body: Record<string, unknown>): { name: string; content: Buffer } {
  const file = body.file as Partial<UploadedFile> | undefined;
  if (!file || typeof file.name !== 'string' || typeof file.contentBase64 !== 'string') refuse(400, '请选择要上传的文件');
  const content = Buffer.from(file.contentBase64, 'base64');
  if (content.length === 0) refuse(400, '文件是空的');
  return { name: file.name, content };
}

/** A CSV or XLSX upload as a table; problems become the API's `lines`. */
export async function uploadedTable(body: Record<string, unknown>): Promise<Table> {
  const { name, content } = uploadedFile(body);
  const lower = name.toLowerCase();
  if (!lower.endsWith('.xlsx') && !lower.endsWith('.csv')) refuse(400, '只支持 .csv 或 .xlsx 文件');
  return readTableBytes(name, content);
}

/** `line N: what` problems → `{ line, message }`; other problems keep line 0. */
export function refuseByLines(error: unknown): never {
  if (!(error instanceof ValidationError)) throw error;
  const lines = error.problems.map((problem) => {
    const match = /^line (\d+): (.*)$/.exec(problem);
    return match ? { line: Number(match[1]), message: match[2]! } : { line: 0, message: problem };
  });
  refuse(400, error.message, { lines });
}

/** `key.path: what` problems → `{ path, message }`. */
export function refuseByPaths(error: unknown): never {
  if (!(error instanceof ValidationError)) throw error;
  const issues = error.problems.map((problem) => {
    const at = problem.indexOf(': ');
    return at < 0 ? { path: '(root)', message: problem } : { path: problem.slice(0, at), message: problem.slice(at + 2) };
  });
  refuse(400, `${issues[0]?.path}: ${issues[0]?.message}${issues.length > 1 ? `（共 ${issues.length} 处）` : ''}`, { issues });
}
