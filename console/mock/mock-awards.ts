import type { CampConfig } from '../../src/camp/camp-config.js';
import { signCertificateCode } from '../../src/publication/certificate-code.js';
import { selectAwards, type AwardSelection } from '../../src/scoring/select-awards.js';
import { mockNow } from './mock-clock.js';
import type { MockCamp, MockPublication } from './mock-camp.js';

const CERT_SECRET = 'mock-console-cert-secret';

/** Every award of the camp as of now (SPEC §7), as `awards preview` computes it. */
export function previewOf(camp: MockCamp): AwardSelection {
  return selectAwards({ config: camp.config, standings: camp.standings(), standingsAt: (ms) => camp.standings(ms) });
}

/** Freezes the preview as the camp's publication, superseding the one in force. */
export function publish(camp: MockCamp, by: string, nextId: number): MockPublication {
  const { winners } = previewOf(camp);
  const publication: MockPublication = {
    id: nextId,
    publishedAt: mockNow(),
    publishedBy: by,
    supersedes: camp.publication?.id ?? null,
    winners: winners.map((w) => ({ award: w.award, userid: w.userid, code: signCertificateCode(CERT_SECRET, { campId: camp.id, award: w.award, userid: w.userid, publicationId: nextId }) })),
  };
  camp.publication = publication;
  return publication;
}

export function awardName(config: CampConfig, id: string): string {
  return config.awards.find((a) => a.id === id)?.name ?? id;
}
