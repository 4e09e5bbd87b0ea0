import type { UploadedFile } from '../../../src/console/api-types';

/** A chosen file as the API takes it: name and base64 bytes. */
export function readUpload(file: File): Promise<UploadedFile> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve({ name: file.name, contentBase64: String(reader.result).replace(/^data:[^,]*,/, '') });
    reader.onerror = () => reject(new Error('读不了这个文件，请换一个试试'));
    reader.readAsDataURL(file);
  });
}
