/** One winner row of a frozen publication (SPEC §1 `awards show`): the preview row plus names and the certificate. */
export interface PublishedWinner {
  award: string;
  awardName: string;
  userid: string;
  name: string;
  team: string | null;
  rank: number | null;
  value: number;
  prize: string | null;
  certificate: string;
}

/** What `publications.result` holds. */
export interface PublicationResult {
  asOf: string;
  campName: string;
  winners: PublishedWinner[];
  warnings: string[];
  /** The publication this one replaced (forced re-publish), or null. */
  supersedes: number | null;
}

/** A publication as stored. */
export interface Publication {
  id: number;
  campId: string;
  asOf: number;
  publishedAt: number;
  publishedBy: string;
  inputsHash: string;
  result: PublicationResult;
  supersededBy: number | null;
}
