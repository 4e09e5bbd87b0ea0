import { UsageError } from '../errors.js';
import { previewAwards, type AwardsPreview } from '../db/preview-awards.js';
import { sendPreviewToTrainers } from '../publication/send-preview-to-trainers.js';
import { formatScore } from '../scoring/round.js';
import type { CliCommand, CliIo } from './cli-command.js';
import { openConfiguredDatabase } from './open-configured-database.js';
import { campAt, isoOf } from './parse-at.js';
import { parseFlags } from './parse-flags.js';

/** The SPEC §1 `awards preview --json` document. */
export function awardsJson(preview: AwardsPreview): object {
  return {
    asOf: isoOf(preview.asOf),
    winners: preview.winners.map((w) => ({ award: w.award, userid: w.userid, team: w.team, rank: w.rank, value: w.value })),
    warnings: preview.warnings,
  };
}

/** The readable listing: each award with its winners, then the warnings. */
export function awardsListing(preview: AwardsPreview): string[] {
  const names = new Map(preview.standings.rows.map((row) => [row.userid, row.name]));
  const lines = [`${preview.config.name}（${preview.config.id}）奖项预览 · 截至 ${isoOf(preview.asOf)}（草稿，未发布）`];
  for (const award of preview.config.awards) {
    const winners = preview.winners.filter((w) => w.award === award.id);
    lines.push(`【${award.name}】(${award.id}) ${winners.length} 人`);
    for (const w of winners) {
      const rank = w.rank === null ? '' : `第 ${w.rank} 名 `;
      const team = w.team === null ? '' : ` 团队 ${w.team}`;
      lines.push(`  ${rank}${names.get(w.userid) ?? w.userid}（${w.userid}）${team} ${formatScore(w.value)}`);
    }
  }
  if (preview.warnings.length > 0) lines.push('提醒：', ...preview.warnings.map((w) => `  - ${w}`));
  return lines;
}

export const awardsPreviewCommand: CliCommand = {
  path: ['awards', 'preview'],
  usage: 'awards preview <camp-id> [--json] [--at <ISO time>]',
  summary: 'compute the awards and send the draft to the trainers',
  async run(args: string[], io: CliIo) {
    const { positional, flags } = parseFlags(args, { values: ['at'], switches: ['json'] });
    if (positional.length !== 1) throw new UsageError('需要营 id');
    const database = openConfiguredDatabase();
    try {
      const { config, asOf } = campAt(database.sqlite, positional[0]!, flags.at);
      const now = Date.now();
      const preview = previewAwards(database.sqlite, config.id, asOf);
      const sent = database.sqlite
        .transaction(() => sendPreviewToTrainers(database.sqlite, preview, `preview:cli:${config.id}:${preview.asOf}`, now))
        .immediate();
      io.err(`草稿已排入发件箱，由运行中的 camp-bot serve 私信给 ${sent} 位培训老师`);
      if (flags.json) io.out(JSON.stringify(awardsJson(preview), null, 2));
      else for (const line of awardsListing(preview)) io.out(line);
      return 0;
    } finally {
      database.close();
    }
  },
};
