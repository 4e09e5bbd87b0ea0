import type { Context } from 'koa';

export interface CookieOptions {
  path: string;
  /** Seconds; 0 removes the cookie. */
  maxAge: number;
  secure: boolean;
}

/**
 * Adds an HttpOnly, SameSite=Lax cookie (never Strict: the return from WeCom's login is a cross-site navigation).
 * Written by hand because `Secure` must follow PUBLIC_BASE_URL, also behind a proxy that ends TLS.
 */
export function setCookie(ctx: Context, name: string, value: string, options: CookieOptions): void {
  const parts = [`${name}=${value}`, `Path=${options.path}`, `Max-Age=${options.maxAge}`, 'HttpOnly', 'SameSite=Lax'];
  if (options.secure) parts.push('Secure');
  ctx.append('Set-Cookie', parts.join('; '));
}
