import { createHash } from 'node:crypto';
import type { CampConfig } from '../camp/camp-config.js';
import { requireCamp } from '../db/camp-standings.js';
import { transaction, type Db } from '../db/db.js';
import { readLedgerHead } from '../db/ledger-head.js';
import { previewAwards } from '../db/preview-awards.js';
import { ConfigError, ValidationError } from '../errors.js';
import type { Standings } from '../scoring/standings.js';
import type { Winner } from '../scoring/winner.js';
import type { Publication, PublicationResult, PublishedWinner } from '../db/publication-record.js';
import { signCertificateCode } from './certificate-code.js';
import { enqueuePublication, type QueuedCounts } from './enqueue-publication.js';
import { localDateTimeOf } from '../camp/time-zone.js';
import {
  currentPublication, insertCertificate, insertPublication, lockCampForPublishing, saveResult, supersede,
} from '../db/publication-store.js';

export interface PublishDeps {
  /** The store, or the transaction the publish joins (a chat command's). */
  db: Db;
  /** CERT_SECRET; publishing refuses without it. */
  certSecret: string | null;
  /** PUBLIC_BASE_URL, where verification links point. */
  publicBaseUrl: string;
}

export interface PublishOptions {
  /** userid, `cli` or `schedule`. */
  by: string;
  force?: boolean;
  now: number;
}

export interface PublishOutcome {
  publicationId: number;
  result: PublicationResult;
  queued: QueuedCounts;
}

/** The camp was published already and `force` was not given; nothing was changed or sent. */
export class AlreadyPublished extends ValidationError {
  constructor(readonly publication: Publication, timeZone: string) {
    super(`${publication.campId} 已于 ${localDateTimeOf(publication.publishedAt, timeZone).replace('T', ' ')} 发布（#${publication.id}）；如需重新发布请加 --force`);
  }
}

/**
 * Publishes a camp's awards (SPEC §7) in one transaction: computes them as of `now` (as the preview does), freezes
 * the result with the hash of its inputs, issues one signed certificate per winner and award, supersedes the previous
 * publication when `force`, and queues the announcements, certificates and admin prize list in the outbox.
 * The camp's row is locked first, so publishing from two instances at once publishes once.
 * Throws ConfigError without CERT_SECRET and AlreadyPublished on a second publish without `force`.
 * @example await publishAwards({ db: store, certSecret, publicBaseUrl }, 'ai-2026q4', { by: 'cli', now: Date.now() })
 */
export async function publishAwards(deps: PublishDeps, campId: string, options: PublishOptions): Promise<PublishOutcome> {
  const secret = deps.certSecret;
  if (!secret) throw new ConfigError('CERT_SECRET is required to publish awards (it signs the certificates); nothing was published');
  return transaction(deps.db, (tx) => publishNow(tx, deps, secret, campId, options));
}

async function publishNow(tx: Db, deps: PublishDeps, secret: string, campId: string, options: PublishOptions): Promise<PublishOutcome> {
  await lockCampForPublishing(tx, campId);
  const previous = await currentPublication(tx, campId);
  if (previous && !options.force) throw new AlreadyPublished(previous, (await requireCamp(tx, campId)).timezone);
  const preview = await previewAwards(tx, campId, options.now);
  const camp = preview.config;
  const id = await insertPublication(tx, {
    campId, asOf: options.now, publishedAt: options.now, publishedBy: options.by, inputsHash: await inputsHash(tx, camp, options.now),
  });
  const winners = preview.winners.map((w) => publishedWinner(w, camp, preview.standings, signCertificateCode(secret, {
    campId, award: w.award, userid: w.userid, publicationId: id,
  })));
  for (const winner of winners) await insertCertificate(tx, id, campId, winner, options.now);
  const result: PublicationResult = {
    asOf: new Date(options.now).toISOString(), campName: camp.name, winners, warnings: preview.warnings, supersedes: previous?.id ?? null,
  };
  if (previous) await supersede(tx, previous.id, id);
  const replacedAt = previous ? localDateTimeOf(previous.publishedAt, camp.timezone).replace('T', ' ') : null;
  const queued = await enqueuePublication(tx, { id, camp, result, publishedAt: options.now, replacedAt, publicBaseUrl: deps.publicBaseUrl }, options.now);
  result.warnings.push(...queued.warnings);
  await saveResult(tx, id, result);
  return { publicationId: id, result, queued };
}

/** sha256 over the ledger's last hash, the camp file and the award time: equal hashes mean equal inputs. */
export async function inputsHash(db: Db, camp: CampConfig, asOf: number): Promise<string> {
  const lastHash = (await readLedgerHead(db))?.lastHash ?? '';
  return createHash('sha256').update(lastHash).update('\n').update(JSON.stringify(camp)).update('\n').update(String(asOf)).digest('hex');
}

function publishedWinner(winner: Winner, camp: CampConfig, standings: Standings, certificate: string): PublishedWinner {
  const row = standings.rows.find((r) => r.userid === winner.userid);
  return {
    award: winner.award,
    awardName: winner.awardName,
    userid: winner.userid,
    name: row?.name ?? winner.userid,
    team: winner.team,
    rank: winner.rank,
    value: winner.value,
    prize: camp.prizes[winner.award] ?? null,
    certificate,
  };
}
