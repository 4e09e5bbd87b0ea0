import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { ApiRefusal } from '../errors.js';

/** An upload's name and bytes, decoded from the body's `file` (`{ name, contentBase64 }`). */
export interface Upload {
  name: string;
  extension: string;
  content: Buffer;
}

/** The body's `file`, refused with one line when missing, empty, or not one of `extensions` (lower case, with dot). */
export function uploadOf(body: Record<string, unknown>, extensions: readonly string[]): Upload {
  const file = body.file as { name?: unknown; contentBase64?: unknown } | undefined;
  if (typeof file !== 'object' || file === null || typeof file.name !== 'string' || typeof file.contentBase64 !== 'string') {
    throw new ApiRefusal(400, '请选择要上传的文件');
  }
  const extension = extname(file.name).toLowerCase();
  if (!extensions.includes(extension)) throw new ApiRefusal(400, `只支持 ${extensions.join('、')} 文件`);
  const content = Buffer.from(file.contentBase64, 'base64');
  if (content.length === 0) throw new ApiRefusal(400, '文件是空的');
  return { name: file.name, extension, content };
}

/**
 * Runs `work` on the upload saved as a temporary file (the readers of roster and event files take a path), and
 * removes it after.
 */
export async function withUploadFile<T>(upload: Upload, work: (file: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'camp-bot-upload-'));
  try {
    const file = join(dir, `upload${upload.extension}`);
    await writeFile(file, upload.content);
    return await work(file);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
