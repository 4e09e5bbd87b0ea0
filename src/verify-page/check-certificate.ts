import type { Db } from '../db/db.js';
import { findCertificate } from '../db/publication-store.js';
import { normalizeCertificateCode, verifyCertificateCode } from '../publication/certificate-code.js';

/** What `/verify/:code` reports. `genuine` only for a signed code we issued whose publication is still in force. */
export interface CertificateCheck {
  genuine: boolean;
  code: string | null;
  award: string | null;
  awardName: string | null;
  userid: string | null;
  name: string | null;
  campId: string | null;
  campName: string | null;
  /** ISO time of issue. */
  issuedAt: string | null;
  /** Issued, but a forced re-publish replaced its result. */
  superseded: boolean;
}

const NOT_GENUINE: CertificateCheck = {
  genuine: false, code: null, award: null, awardName: null, userid: null, name: null, campId: null, campName: null,
  issuedAt: null, superseded: false,
};

/**
 * Checks a verification code: the HMAC tag first (forgeries and typos never reach the database), then the issued
 * certificate. Never throws on bad input; a missing secret means nothing can be confirmed.
 * @example (await checkCertificate(store, secret, '7K2QD-M0X4B-9TNZP-HC31R')).genuine // true
 */
export async function checkCertificate(db: Db, secret: string | null, input: unknown): Promise<CertificateCheck> {
  const code = normalizeCertificateCode(input);
  if (code === null || !secret || !verifyCertificateCode(secret, code)) return NOT_GENUINE;
  const row = await findCertificate(db, code);
  if (!row) return NOT_GENUINE;
  const superseded = row.supersededBy !== null;
  return {
    genuine: !superseded,
    code: row.code,
    award: row.award,
    awardName: row.awardName,
    userid: row.userid,
    name: row.name,
    campId: row.campId,
    campName: row.campName,
    issuedAt: new Date(row.issuedAt).toISOString(),
    superseded,
  };
}
