import { extname } from 'node:path';
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
