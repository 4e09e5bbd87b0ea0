import type { WeComApiError } from '../errors.js';
import type { Source } from './camp-sources.js';

/**
 * What to do about WeCom refusing a source: its hint for the errcode (`src/errors.ts`), else the usual causes.
 * @example refusalFix(source, new WeComApiError(48002, 'api forbidden', 'meeting/get_info')) // '本应用无权调用会议接口：…'
 */
export function refusalFix(source: Source, error: WeComApiError): string {
  const what = source.kind === 'living' ? '直播' : '会议';
  return error.hint ?? `请核对 id，并确认本应用在管理后台「应用管理 → ${what} → 可调用接口的应用」中，且${what}由本应用创建`;
}
