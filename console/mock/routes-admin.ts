import type { Router } from '@koa/router';
import { parseCampFile } from '../../src/camp/parse-camp-file.js';
import type { CampFileResult, CaseView, ImportJob, PrizeRow, RosterPerson } from '../../src/console/api-types.js';
import { diffConfig } from '../../src/db/diff-config.js';
import { parseRoster } from '../../src/import/parse-roster.js';
import { iso, mockNow } from './mock-clock.js';
import type { MockCamp } from './mock-camp.js';
import { awardName } from './mock-awards.js';
import { campRoute, refuse, text, type MockServices } from './mock-http.js';
import { startImport } from './mock-import-job.js';
import { rosterDiff, upsertRoster } from './mock-roster-diff.js';
import { refuseByLines, refuseByPaths, uploadedTable } from './mock-upload.js';

/** Admins' and managers' routes: camp file, roster, imports, prizes and practice cases. */
export function adminRoutes(router: Router, services: MockServices): void {
  campRoute(router, services, 'get', '/camp-file', ['admin', 'trainer'], ({ camp }) => ({ yaml: camp.yaml, updatedAt: iso(camp.fileUpdatedAt) }));

  campRoute(router, services, 'put', '/camp-file', ['admin'], ({ camp, body }): CampFileResult => {
    const yaml = text(body, 'yaml', '营配置', 200_000);
    const config = parseOrRefuse(yaml);
    if (config.id !== camp.id) refuse(400, `id: 不能改营 id（${camp.id}）`, { issues: [{ path: 'id', message: `不能改营 id（${camp.id}）` }] });
    const changes = describeChanges(camp.config, config);
    if (body.dryRun !== true) Object.assign(camp, { yaml, config, fileUpdatedAt: mockNow() });
    return { id: camp.id, created: false, applied: body.dryRun !== true, changes };
  });

  campRoute(router, services, 'get', '/roster', ['admin', 'trainer', 'manager'], ({ camp }) => ({ people: camp.people }));

  campRoute(router, services, 'post', '/roster/preview', ['admin'], async ({ camp, body }) => rosterDiff(camp.people, await rosterOf(body)));

  campRoute(router, services, 'put', '/roster', ['admin'], async ({ camp, body }) => {
    const people = await rosterOf(body);
    const preview = rosterDiff(camp.people, people);
    camp.people = upsertRoster(camp.people, people);
    return preview;
  });

  const jobs = new Map<string, ImportJob>();
  campRoute(router, services, 'post', '/imports', ['admin', 'trainer'], async ({ ctx, camp, userid, body }) => {
    const table = await uploadedTable(body).catch(refuseByLines);
    const missing = ['type', 'userid', 'value', 'at'].filter((c) => !table.header.includes(c));
    if (missing.length > 0) refuse(400, `表头缺少 ${missing.join(', ')}（应为 type,userid,value,at,ref,actor,note）`);
    const job = startImport(camp, table, `imp-${jobs.size + 1}`, userid);
    jobs.set(job.id, job);
    ctx.status = 202;
    return job;
  });
  campRoute(router, services, 'get', '/imports/:importId', ['admin', 'trainer'], ({ ctx }) => jobs.get(ctx.params.importId ?? '') ?? refuse(404, '没有这次导入'));

  campRoute(router, services, 'get', '/prizes', ['admin', 'trainer'], ({ camp }) => prizesOf(camp));

  campRoute(router, services, 'post', '/prizes/claims', ['admin', 'trainer'], ({ ctx, camp, userid, body }) => {
    const winner = text(body, 'userid', '获奖人');
    const award = text(body, 'award', '奖项');
    const row = prizesOf(camp).find((p) => p.userid === winner && p.award === award) ?? refuse(400, '这位同学没有这个奖项的奖品');
    if (row.claimed) refuse(409, `${row.name} 的奖品已经领过了`);
    const event = camp.record({ type: 'prize_claimed', userid: winner, ref: award, actor: userid, at: mockNow() });
    ctx.status = 201;
    return { event: event.id };
  });

  campRoute(router, services, 'get', '/cases', ['manager', 'trainer'], ({ camp, userid, roles }): CaseView[] => {
    const revoked = camp.revoked();
    return camp.events
      .filter((e) => e.type === 'practice' && e.note && (roles.includes('trainer') || e.actor === userid))
      .reverse()
      .map((e) => ({ event: e.id, userid: e.userid ?? '', name: camp.nameOf(e.userid ?? ''), description: e.note ?? '', actor: camp.nameOf(e.actor), at: iso(e.at), revoked: revoked.has(e.id) }));
  });

  campRoute(router, services, 'post', '/cases', ['manager', 'trainer'], ({ ctx, camp, userid, body }) => {
    const learner = text(body, 'userid', '学员');
    const description = text(body, 'description', '案例描述', 500);
    if (!camp.learners().some((l) => l.userid === learner)) refuse(400, `${learner} 不是本营学员`);
    const event = camp.record({ type: 'practice', userid: learner, num: 1, note: description, actor: userid, at: mockNow() });
    ctx.status = 201;
    return { event: event.id };
  });
}

export function parseOrRefuse(yaml: string) {
  try {
    return parseCampFile(yaml);
  } catch (error) {
    refuseByPaths(error);
  }
}

export function describeChanges(before: unknown, after: unknown): string[] {
  return diffConfig(before, after).map((c) => `${c.path}: ${JSON.stringify(c.before) ?? '（无）'} → ${JSON.stringify(c.after) ?? '（无）'}`);
}

async function rosterOf(body: Record<string, unknown>): Promise<RosterPerson[]> {
  try {
    return parseRoster(await uploadedTable(body)) as RosterPerson[];
  } catch (error) {
    refuseByLines(error);
  }
}

function prizesOf(camp: MockCamp): PrizeRow[] {
  const publication = camp.publication;
  if (!publication) return [];
  const revoked = camp.revoked();
  const claims = camp.events.filter((e) => e.type === 'prize_claimed' && !revoked.has(e.id));
  return publication.winners.flatMap((w) => {
    const prize = camp.config.prizes[w.award];
    if (!prize) return [];
    const person = camp.people.find((p) => p.userid === w.userid && p.role === 'learner');
    const claim = claims.find((c) => c.userid === w.userid && c.ref === w.award);
    return [{
      award: w.award, awardName: awardName(camp.config, w.award), prize, userid: w.userid, name: person?.name ?? w.userid,
      team: person?.team ?? null, department: person?.department ?? null,
      claimed: claim ? { at: iso(claim.at), by: camp.nameOf(claim.actor), event: claim.id } : null,
    }];
  });
}
