import type { ApiError } from '../../../src/console/api-types';

/** A refusal from the API (or the network), its `error` line ready to show. */
export class ApiFailure extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly details: ApiError = { error: message },
  ) {
    super(message);
  }
}

let csrfToken = '';

export function useCsrf(token: string): void {
  csrfToken = token;
}

export const csrf = (): string => csrfToken;

/** Where the server sends an unsigned-in browser to WeCom's login. */
export function signInAgain(): Promise<never> {
  window.location.assign('/console');
  return new Promise(() => undefined);
}

/**
 * One JSON request to the console API. Changes carry the CSRF token; 401 reloads the console (sign-in); any other
 * refusal becomes an ApiFailure with the server's one line.
 */
export async function api<T>(method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (method !== 'GET') headers['X-CSRF-Token'] = csrfToken;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), credentials: 'same-origin' });
  } catch {
    throw new ApiFailure('网络不通，请检查网络后再试', 0);
  }
  if (response.status === 401) return signInAgain();
  const data = (await response.json().catch(() => null)) as unknown;
  if (!response.ok) {
    const details = (data && typeof data === 'object' && 'error' in data ? data : { error: `服务器出错了（${response.status}），请稍后再试` }) as ApiError;
    throw new ApiFailure(details.error, response.status, details);
  }
  return data as T;
}

export const get = <T>(path: string): Promise<T> => api<T>('GET', path);
export const post = <T>(path: string, body: unknown = {}): Promise<T> => api<T>('POST', path, body);
export const put = <T>(path: string, body: unknown): Promise<T> => api<T>('PUT', path, body);
