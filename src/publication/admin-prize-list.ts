import { stringify } from 'csv-stringify/sync';
import type { CampConfig } from '../camp/camp-config.js';
import { formatScore } from '../scoring/round.js';
import type { PublicationResult } from '../db/publication-record.js';

const HEADER = ['奖项ID', '奖项', 'userid', '姓名', '团队', '名次', '成绩', '奖品', '证书编号'];
const SCORE_COLUMN = HEADER.indexOf('成绩');

/**
 * The winners-and-prizes list as CSV (UTF-8 with BOM, so Excel shows the Chinese correctly). Text that Excel would
 * run as a formula (a name like `=HYPERLINK(…)`) is written with a leading `'`; scores stay numbers, with 2 decimals.
 */
export function prizeListCsv(result: PublicationResult): Buffer {
  const rows = result.winners.map((w) => [
    w.award, w.awardName, w.userid, w.name, w.team ?? '', w.rank ?? '', w.value, w.prize ?? '', w.certificate,
  ]);
  const csv = stringify([HEADER, ...rows], {
    escape_formulas: true,
    cast: { number: (value, { column }) => (column === SCORE_COLUMN ? formatScore(value) : String(value)) },
  });
  return Buffer.from('\uFEFF' + csv, 'utf8');
}

/** The message admins get with the file: how many winners per award and what to hand over. */
export function prizeListMessage(camp: CampConfig, result: PublicationResult, publicationId: number): string {
  const lines = [`🎁 ${camp.name} 获奖与奖品名单（发布 #${publicationId}），共 ${result.winners.length} 人次，明细见附件：`];
  for (const award of camp.awards) {
    const winners = result.winners.filter((w) => w.award === award.id);
    const prize = camp.prizes[award.id];
    const names = winners.map((w) => `${w.name}(${w.userid})`).join('、') || '暂无';
    lines.push(`· ${award.name}${prize ? `【${prize}】` : ''}：${names}`);
  }
  lines.push('发放后请在群里或私信发送 /领奖 @学员 <奖项ID> 登记。');
  return lines.join('\n');
}
