import { previewAwards } from '../db/preview-awards.js';
import type { Publication } from '../db/publication-record.js';
import { currentPublication } from '../db/publication-store.js';
import { learnersOf, personName } from '../db/roster-store.js';
import { ApiRefusal, ConfigError } from '../errors.js';
import { describeAwardRule } from '../publication/describe-award-rule.js';
import { AlreadyPublished, publishAwards } from '../publication/publish-awards.js';
import { awardsJson } from '../report/awards-json.js';
import { isoOf } from '../report/iso-of.js';
import type { ConsoleApi } from './api-router.js';
import type { AwardsPreviewResponse, AwardsResponse, PublicationView } from './api-types.js';

/** The awards: their rules and the publication in force, the preview (contract) and publishing. */
export function awardRoutes(api: ConsoleApi): void {
  const { deps } = api;
  api.camp('get', '/awards', ['learner', 'trainer', 'manager', 'admin'], async ({ campId, camp }): Promise<AwardsResponse> => {
    const published = await currentPublication(deps.store, campId);
    return {
      awards: camp.awards.map((a) => ({ id: a.id, name: a.name, rule: describeAwardRule(a), prize: camp.prizes[a.id] ?? null })),
      published: published && (await publicationView(api, published)),
    };
  });

  api.camp('get', '/awards/preview', ['trainer'], async ({ campId, now }) => {
    const current = { learners: await learnersOf(deps.store, campId), standings: await deps.standings(deps.store, campId, now) };
    return awardsJson(await previewAwards(deps.store, campId, now, current)) as AwardsPreviewResponse;
  });

  api.camp('post', '/awards/publish', ['trainer'], async (req): Promise<PublicationView> => {
    const force = req.body.force;
    if (force !== undefined && typeof force !== 'boolean') throw new ApiRefusal(400, 'force 须为 true 或 false');
    const { certSecret, publicBaseUrl } = deps.settings;
    try {
      await publishAwards({ db: deps.store, certSecret, publicBaseUrl }, req.campId, { by: req.userid, force: force === true, now: req.now });
    } catch (error) {
      if (error instanceof AlreadyPublished) throw new ApiRefusal(409, `本营已于发布 #${error.publication.id} 公布结果；确需重新发布请选择「强制重新发布」`);
      if (error instanceof ConfigError) throw new ApiRefusal(503, '服务器没有配置 CERT_SECRET，无法签发证书，未发布（请联系运维）');
      throw error;
    }
    req.ctx.status = 201;
    return publicationView(api, (await currentPublication(deps.store, req.campId))!);
  });
}

async function publicationView(api: ConsoleApi, p: Publication): Promise<PublicationView> {
  return {
    id: p.id, publishedAt: isoOf(p.publishedAt), publishedBy: (await personName(api.deps.store, p.publishedBy)) ?? p.publishedBy,
    winners: p.result.winners.length, supersedes: p.result.supersedes,
  };
}
