import type { WeComTransport } from './wecom-transport.js';

/**
 * Who a web-login code belongs to (`auth/getuserinfo`, for both 网页授权 and the QR login): the member's userid, or
 * null for someone outside the company (WeCom answers an openid then). A used or expired code is WeComApiError 40029.
 * The code is single-use, so only answers proving WeCom did nothing are retried.
 */
export async function getUserIdByCode(transport: WeComTransport, code: string): Promise<string | null> {
  const answer = await transport.callApi('auth/getuserinfo', {
    path: '/cgi-bin/auth/getuserinfo',
    query: { code },
    method: 'GET',
    idempotent: false,
  });
  const userid = answer.userid ?? answer.UserId;
  return typeof userid === 'string' && userid !== '' ? userid : null;
}
