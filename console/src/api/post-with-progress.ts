import type { ApiError } from '../../../src/console/api-types';
import { ApiFailure, csrf, signInAgain } from './client';

/** A JSON POST that reports how much of the body was sent (large uploads), with the same refusals as `api`. */
export function postWithProgress<T>(path: string, body: unknown, onProgress: (share: number) => void): Promise<T> {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('POST', path);
    request.setRequestHeader('Content-Type', 'application/json');
    request.setRequestHeader('Accept', 'application/json');
    request.setRequestHeader('X-CSRF-Token', csrf());
    request.upload.onprogress = (event) => event.lengthComputable && onProgress(event.loaded / event.total);
    request.onerror = () => reject(new ApiFailure('网络不通，请检查网络后再试', 0));
    request.onload = () => {
      if (request.status === 401) return void signInAgain();
      let data: unknown = null;
      try {
        data = JSON.parse(request.responseText);
      } catch {
        // answered below
      }
      if (request.status >= 200 && request.status < 300) return resolve(data as T);
      const details = (data && typeof data === 'object' && 'error' in data ? data : { error: `服务器出错了（${request.status}），请稍后再试` }) as ApiError;
      reject(new ApiFailure(details.error, request.status, details));
    };
    request.send(JSON.stringify(body));
  });
}
