import type { WeComClient } from '../bot/wecom-client.js';
import type { OutboundMessage, WebhookMessage } from '../bot/wecom-message.js';
import { renderCertificate } from '../render/certificate-png.js';
import type { AppPayload, MediaRef, Outbound, WebhookPayload } from './outbox-payload.js';
import { postResponseUrl } from './post-response-url.js';

/** What the outbox needs of the WeCom client. */
export type OutboxClient = Pick<WeComClient, 'sendMessage' | 'uploadMedia' | 'webhookSend' | 'webhookUploadMedia'>;

export interface DeliveryDeps {
  client: OutboxClient;
  /** WECOM_API_BASE: response_url answers go only to its origin. */
  apiBase: string;
  fetch?: typeof fetch;
  /** Creates the WeCom live or meeting of a `create-source` row (serve wires `src/sources/`); throws to be retried. */
  createSource?: (sourceId: number) => Promise<void>;
}

/** Delivers one outbox message (media uploaded first, then the message with its media_id), or runs a WeCom creation. */
export async function deliverOutbound(outbound: Outbound, deps: DeliveryDeps): Promise<void> {
  switch (outbound.kind) {
    case 'app':
      return deliverApp(outbound.payload, deps.client);
    case 'webhook':
      return deliverWebhook(outbound.payload, deps.client);
    case 'response-url':
      return postResponseUrl(outbound.payload, deps.apiBase, deps.fetch ?? globalThis.fetch);
    case 'create-source':
      if (!deps.createSource) throw new Error('create-source needs serve\'s source creator');
      return deps.createSource(outbound.payload.sourceId);
  }
}

async function deliverApp(payload: AppPayload, client: OutboxClient): Promise<void> {
  const to = { touser: payload.touser, toparty: payload.toparty };
  const content = payload.message;
  let message: OutboundMessage;
  if (content.msgtype === 'image' || content.msgtype === 'file') {
    const { filename, data } = mediaBytes(content.media);
    const mediaId = await client.uploadMedia(content.msgtype, filename, data);
    message = { ...to, msgtype: content.msgtype, mediaId };
  } else {
    message = { ...to, ...content };
  }
  await client.sendMessage(message);
}

async function deliverWebhook(payload: WebhookPayload, client: OutboxClient): Promise<void> {
  const chatid = payload.chatid ?? undefined;
  const content = payload.message;
  let message: WebhookMessage;
  if (content.msgtype === 'image') {
    message = { chatid, msgtype: 'image', data: mediaBytes(content.media).data };
  } else if (content.msgtype === 'file') {
    const { filename, data } = mediaBytes(content.media);
    message = { chatid, msgtype: 'file', mediaId: await client.webhookUploadMedia(payload.webhookUrl, filename, data) };
  } else {
    message = { chatid, ...content };
  }
  await client.webhookSend(payload.webhookUrl, message);
}

/** The bytes a media reference stands for; certificates are rendered again from their stored input. */
export function mediaBytes(media: MediaRef): { filename: string; data: Buffer } {
  if (media.source === 'inline') return { filename: media.filename, data: Buffer.from(media.base64, 'base64') };
  return { filename: media.filename, data: renderCertificate(media.input) };
}
