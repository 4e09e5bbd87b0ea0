import { localDateOf } from '../camp/time-zone.js';
import type { CertificateCheck } from './check-certificate.js';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escape = (text: string): string => text.replace(/[&<>"']/g, (ch) => ESCAPES[ch]!);

/** The public verification page: a short Chinese verdict and, when issued, what the certificate says. */
export function verifyPage(check: CertificateCheck, timeZone: string): string {
  const verdict = check.genuine
    ? { title: '✅ 证书真实有效', color: '#1a7f37' }
    : check.superseded
      ? { title: '⚠️ 证书已被新的评选结果取代', color: '#9a6700' }
      : { title: '❌ 未找到该证书，可能是伪造或输错了编号', color: '#cf222e' };
  const details = check.code === null ? '' : [
    row('奖项', check.awardName ?? ''),
    row('获奖人', check.name ?? ''),
    row('结业营', check.campName ?? check.campId ?? ''),
    row('颁发日期', check.issuedAt ? localDateOf(Date.parse(check.issuedAt), timeZone) : ''),
    row('证书编号', check.code),
  ].join('\n');
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>证书验证</title>
<style>body{font-family:system-ui,"PingFang SC","Microsoft YaHei",sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem;color:#2b2b2b}
h1{font-size:1.4rem;color:${verdict.color}}table{border-collapse:collapse}td{padding:.35rem .8rem .35rem 0}td:first-child{color:#6b6358}</style>
</head><body><h1>${verdict.title}</h1>
<table>
${details}
</table>
</body></html>`;
}

function row(label: string, value: string): string {
  return `<tr><td>${label}</td><td>${escape(value)}</td></tr>`;
}
