/** Where WeCom shows web pages: its in-app browser and desktop client open the console from these origins. */
export const WECOM_FRAME_ANCESTORS = ['https://work.weixin.qq.com', 'https://*.work.weixin.qq.com'];

/**
 * Security headers for the console's pages and assets: only its own scripts, styles, images (plus data: images and
 * the data: icon font) and API; framed only by itself or WeCom; no referrer (certificate links carry codes).
 */
export function consoleSecurityHeaders(frameAncestors: readonly string[] = WECOM_FRAME_ANCESTORS): Record<string, string> {
  const csp = [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    `frame-ancestors 'self' ${frameAncestors.join(' ')}`.trim(),
  ].join('; ');
  return {
    'Content-Security-Policy': csp,
    'Referrer-Policy': 'no-referrer',
    'X-Content-Type-Options': 'nosniff',
    'Cross-Origin-Opener-Policy': 'same-origin',
  };
}
