import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Router } from '@koa/router';
import type { StatsResponse } from '../../src/console/api-types.js';
import { buildStatsReport } from '../../src/insight/build-stats-report.js';
import { exportTables } from '../../src/insight/export-tables.js';
import { writeCsv } from '../../src/insight/write-csv.js';
import { writeXlsx } from '../../src/insight/write-xlsx.js';
import { renderCertificate } from '../../src/render/certificate-png.js';
import { iso, mockNow } from './mock-clock.js';
import type { MockCamp } from './mock-camp.js';
import { awardName, previewOf } from './mock-awards.js';
import { campRoute, refuse, type MockServices } from './mock-http.js';

const TABLES = { standings: 0, awards: 1, prizes: 2 } as const;

/** Statistics, export downloads and certificate images. */
export function insightRoutes(router: Router, services: MockServices): void {
  campRoute(router, services, 'get', '/stats', ['trainer'], ({ camp }): StatsResponse => {
    const standings = camp.standings();
    const winners = camp.publication?.winners ?? previewOf(camp).winners;
    const report = buildStatsReport({ config: camp.config, standings, winners, roster: camp.people, facts: camp.events, now: mockNow() });
    const winnersSource = camp.publication ? 'published' : 'preview';
    return { asOf: iso(standings.asOf), winnersSource, ...report, stats: { ...report.stats, asOf: iso(report.stats.asOf) } };
  });

  campRoute(router, services, 'get', '/export', ['admin', 'trainer'], async ({ ctx, camp }) => {
    const format = ctx.query.format;
    const table = String(ctx.query.table ?? 'standings') as keyof typeof TABLES;
    if (format !== 'csv' && format !== 'xlsx') refuse(400, 'format 需是 csv 或 xlsx');
    if (!(table in TABLES)) refuse(400, 'table 需是 standings、awards 或 prizes');
    const dir = await mkdtemp(join(tmpdir(), 'console-export-'));
    try {
      const file = join(dir, `${camp.id}.${format}`);
      const tables = exportTables(exportInput(camp));
      if (format === 'xlsx') await writeXlsx(tables, file);
      else writeCsv([tables[TABLES[table]]!], file);
      ctx.set('Content-Disposition', `attachment; filename="${camp.id}-${format === 'xlsx' ? 'all' : table}.${format}"`);
      ctx.type = format === 'xlsx' ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : 'text/csv; charset=utf-8';
      ctx.body = await readFile(file);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  campRoute(router, services, 'get', '/certificates/:file', ['learner', 'trainer', 'admin'], ({ ctx, camp, userid, roles }) => {
    const code = (ctx.params.file ?? '').replace(/\.png$/, '');
    const winner = camp.publication?.winners.find((w) => w.code === code);
    if (!winner || (winner.userid !== userid && !roles.some((r) => r !== 'learner'))) refuse(404, '没有这张证书');
    ctx.type = 'image/png';
    ctx.set('Cache-Control', 'private, max-age=86400');
    ctx.body = renderCertificate({
      awardName: awardName(camp.config, winner.award), campName: camp.config.name, learnerName: camp.nameOf(winner.userid),
      date: iso(camp.publication!.publishedAt).slice(0, 10), code, verifyUrl: `http://localhost:3000/verify/${code}`, prize: camp.config.prizes[winner.award] ?? null,
    });
  });
}

function exportInput(camp: MockCamp) {
  const publication = camp.publication;
  const standings = camp.standings();
  const preview = previewOf(camp).winners;
  const winners = publication ? preview.map((w) => ({ ...w, certificate: publication.winners.find((p) => p.userid === w.userid && p.award === w.award)?.code ?? null })) : preview;
  const claims = camp.events.filter((e) => e.type === 'prize_claimed').map((e) => ({ eventId: e.id, award: e.ref ?? '', userid: e.userid ?? '', actor: e.actor, at: e.at }));
  return {
    config: camp.config, standings, winners, claims,
    winnersSource: publication ? { kind: 'published' as const, id: publication.id } : { kind: 'preview' as const },
    names: new Map(camp.people.map((p) => [p.userid, p.name])),
  };
}
