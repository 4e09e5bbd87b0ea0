import { CallbackRejected } from '../errors.js';
import type { InboundMessage, Reply } from './inbound-message.js';
import { type CallbackInput, openCallback } from './open-callback.js';
import { type ChannelKeys, type EncodedReply, encodePassiveReply, type ReplyStamp } from './passive-reply.js';

/** A callback to open, as plain data a worker can receive (`nowMs` replaces the clock). */
export type OpenJob = Omit<CallbackInput, 'now'> & { kind: 'open'; nowMs: number };

/** A passive reply to seal, as plain data. */
export interface SealJob {
  kind: 'seal';
  reply: Reply;
  message: InboundMessage;
  keys: ChannelKeys;
  stamp: ReplyStamp;
}

export type CryptoJob = OpenJob | SealJob;

/** How a job failed: a CallbackRejected keeps its status; anything else becomes a 500. */
export interface JobFailure {
  status: CallbackRejected['status'] | null;
  message: string;
}

export type JobResult = { ok: true; value: InboundMessage | EncodedReply } | { ok: false; failure: JobFailure };

/**
 * Runs one job exactly as the in-thread path would and never throws, so a bad callback cannot kill a worker.
 * @example runCryptoJob({ kind: 'open', channel: 'app', body, query, keys, replayWindowS: 300, receivedAt, nowMs })
 */
export function runCryptoJob(job: CryptoJob): JobResult {
  try {
    if (job.kind === 'seal') return { ok: true, value: encodePassiveReply(job.reply, job.message, job.keys, job.stamp) };
    const { nowMs, kind: _kind, ...input } = job;
    return { ok: true, value: openCallback({ ...input, now: () => nowMs }) };
  } catch (error) {
    if (error instanceof CallbackRejected) return { ok: false, failure: { status: error.status, message: error.message } };
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    return { ok: false, failure: { status: null, message } };
  }
}

/** Turns a failure back into what the in-thread path would have thrown. */
export function rethrow(failure: JobFailure): never {
  if (failure.status !== null) throw new CallbackRejected(failure.status, failure.message);
  throw new Error(failure.message);
}
