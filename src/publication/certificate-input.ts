import type { CampConfig } from '../camp/camp-config.js';
import { localDateOf } from '../camp/time-zone.js';
import type { PublishedWinner } from '../db/publication-record.js';
import type { CertificateInput } from '../render/certificate-png.js';

/** Where a certificate's code is checked: `${PUBLIC_BASE_URL}/verify/<code>`. */
export function verifyUrlOf(publicBaseUrl: string, code: string): string {
  return `${publicBaseUrl}/verify/${code}`;
}

/** What a winner's certificate shows (sent when publishing, and drawn again for the console). */
export function certificateInput(camp: CampConfig, winner: PublishedWinner, publishedAt: number, publicBaseUrl: string): CertificateInput {
  return {
    awardName: winner.awardName, campName: camp.name, learnerName: winner.name, team: winner.team,
    date: localDateOf(publishedAt, camp.timezone), code: winner.certificate, verifyUrl: verifyUrlOf(publicBaseUrl, winner.certificate), prize: winner.prize,
  };
}
