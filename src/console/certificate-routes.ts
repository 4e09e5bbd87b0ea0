import { currentPublication } from '../db/publication-store.js';
import { ApiRefusal } from '../errors.js';
import { certificateInput, verifyUrlOf } from '../publication/certificate-input.js';
import { renderCertificate } from '../render/certificate-png.js';
import { isoOf } from '../report/iso-of.js';
import type { ConsoleApi } from './api-router.js';
import type { CertificateView } from './api-types.js';

/** A learner's certificates of the publication in force, and each certificate's PNG. */
export function certificateRoutes(api: ConsoleApi): void {
  const { store, settings } = api.deps;
  api.camp('get', '/me/certificates', ['learner'], async ({ campId, camp, userid }): Promise<CertificateView[]> => {
    const publication = await currentPublication(store, campId);
    if (!publication) return [];
    return publication.result.winners.filter((w) => w.userid === userid).map((w) => ({
      award: w.award, awardName: w.awardName, code: w.certificate, issuedAt: isoOf(publication.publishedAt), prize: w.prize,
      imageUrl: `/api/camps/${encodeURIComponent(campId)}/certificates/${w.certificate}.png`,
      verifyUrl: verifyUrlOf(settings.publicBaseUrl, w.certificate),
    }));
  });

  api.camp('get', '/certificates/:file', ['learner', 'trainer', 'admin'], async ({ ctx, campId, camp, userid, roles }) => {
    const code = (ctx.params.file ?? '').replace(/\.png$/, '');
    const publication = await currentPublication(store, campId);
    const winner = publication?.result.winners.find((w) => w.certificate === code);
    const mayView = roles.includes('trainer') || roles.includes('admin') || winner?.userid === userid;
    if (!publication || !winner || !mayView || !ctx.params.file?.endsWith('.png')) throw new ApiRefusal(404, '没有这张证书');
    ctx.set('Cache-Control', 'private, max-age=86400');
    ctx.type = 'image/png';
    ctx.body = renderCertificate(certificateInput(camp, winner, publication.publishedAt, settings.publicBaseUrl));
    return undefined;
  });
}
