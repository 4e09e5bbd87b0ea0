import type Sqlite from 'better-sqlite3';
import { normalizeCertificateCode, verifyCertificateCode } from './certificate-code.js';

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

interface Row {
  code: string;
  award: string;
  awardName: string;
  userid: string;
  name: string;
  campId: string;
  campName: string | null;
  issuedAt: number;
  supersededBy: number | null;
}

/**
 * Checks a verification code: the HMAC tag first (forgeries and typos never reach the database), then the issued
 * certificate. Never throws on bad input; a missing secret means nothing can be confirmed.
 * @example checkCertificate(sqlite, secret, '7K2QD-M0X4B-9TNZP-HC31R').genuine // true
 */
export function checkCertificate(sqlite: Sqlite.Database, secret: string | null, input: unknown): CertificateCheck {
  const code = normalizeCertificateCode(input);
  if (code === null || !secret || !verifyCertificateCode(secret, code)) return NOT_GENUINE;
  const row = sqlite
    .prepare(
      `SELECT c.code, c.award, c.award_name AS awardName, c.userid, c.name, c.camp_id AS campId, k.name AS campName,
              c.issued_at AS issuedAt, p.superseded_by AS supersededBy
       FROM certificates c JOIN publications p ON p.id = c.publication_id LEFT JOIN camps k ON k.id = c.camp_id
       WHERE c.code = ?`,
    )
    .get(code) as Row | undefined;
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
