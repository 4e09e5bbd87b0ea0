import type { Markdown } from '../bot/markdown.js';
import type { CertificateInput } from '../render/certificate-png.js';

/**
 * Bytes an image or file message carries. They must survive a restart, so they live in the outbox row:
 * small files inline as base64, certificates as their render input (re-rendered identically at delivery).
 */
export type MediaRef =
  | { source: 'inline'; filename: string; base64: string }
  | { source: 'certificate'; filename: string; input: CertificateInput };

/** The content of an app message (`message/send`); image/file carry their bytes, uploaded at delivery. */
export type AppContent =
  | { msgtype: 'text'; content: string }
  | { msgtype: 'markdown'; content: Markdown }
  | { msgtype: 'textcard'; title: string; description: string; url: string; btntxt?: string }
  | { msgtype: 'image'; media: MediaRef }
  | { msgtype: 'file'; media: MediaRef };

/** The content of a group robot post (`webhook/send`). */
export type WebhookContent =
  | { msgtype: 'text'; content: string; mentionedList?: string[] }
  | { msgtype: 'markdown'; content: Markdown }
  | { msgtype: 'image'; media: MediaRef }
  | { msgtype: 'file'; media: MediaRef };

/** An app message to users and/or parties. */
export interface AppPayload {
  touser?: string[];
  toparty?: string[];
  message: AppContent;
}

/** A post to a group chat through its robot webhook. */
export interface WebhookPayload {
  webhookUrl: string;
  chatid: string | null;
  message: WebhookContent;
}

/** An AI bot (智能机器人) answer posted to the callback's `response_url`. */
export interface ResponseUrlPayload {
  responseUrl: string;
  markdown: Markdown;
}

/** A live lesson or meeting to create in WeCom (a `created_sources` row); WeCom calls never run inside a transaction. */
export interface CreateSourcePayload {
  sourceId: number;
}

/** One outbox row's kind and payload, as `enqueueOutbound` takes it. */
export type Outbound =
  | { kind: 'app'; payload: AppPayload }
  | { kind: 'webhook'; payload: WebhookPayload }
  | { kind: 'response-url'; payload: ResponseUrlPayload }
  | { kind: 'create-source'; payload: CreateSourcePayload };

/** Inline media from bytes. */
export function inlineMedia(filename: string, data: Buffer): MediaRef {
  return { source: 'inline', filename, base64: data.toString('base64') };
}
