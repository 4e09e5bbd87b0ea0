import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A file the bot uploaded (a certificate, the admins' prize list), as WeCom received it. */
export interface CapturedUpload {
  filename: string;
  bytes: Buffer;
  /** The media_id WeCom answered, which the following message refers to. */
  mediaId: string | null;
}

export interface RecordingProxy {
  baseUrl: string;
  /** Parses the multipart uploads seen so far. */
  uploads(): Promise<CapturedUpload[]>;
  close(): Promise<void>;
}

interface RawUpload {
  contentType: string;
  body: Buffer;
  answer: string;
}

const UPLOAD_PATHS = new Set(['/cgi-bin/media/upload', '/cgi-bin/webhook/upload_media']);

/**
 * A loopback pass-through in front of the fake WeCom API that keeps the bytes of every media upload (the fake keeps
 * only their size), so the demo writes out exactly the certificate PNGs and prize list the bot sent.
 */
export async function startRecordingProxy(target: string): Promise<RecordingProxy> {
  const raw: RawUpload[] = [];
  const server = createServer((req, res) => {
    forward(target, req, raw)
      .then(({ status, contentType, body }) => {
        res.writeHead(status, { 'content-type': contentType });
        res.end(body);
      })
      .catch(() => res.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    uploads: async () => (await Promise.all(raw.map(parseUpload))).filter((u): u is CapturedUpload => u !== null),
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

async function forward(target: string, req: IncomingMessage, raw: RawUpload[]): Promise<{ status: number; contentType: string; body: string }> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const body = Buffer.concat(chunks);
  const contentType = req.headers['content-type'] ?? '';
  const response = await fetch(`${target}${req.url ?? '/'}`, {
    method: req.method,
    headers: contentType ? { 'content-type': contentType } : {},
    body: req.method === 'GET' || req.method === 'HEAD' ? undefined : new Uint8Array(body),
  });
  const answer = await response.text();
  const path = new URL(req.url ?? '/', 'http://proxy').pathname;
  if (UPLOAD_PATHS.has(path)) raw.push({ contentType, body, answer });
  return { status: response.status, contentType: response.headers.get('content-type') ?? 'application/json', body: answer };
}

async function parseUpload(upload: RawUpload): Promise<CapturedUpload | null> {
  try {
    const request = new Request('http://proxy/', { method: 'POST', headers: { 'content-type': upload.contentType }, body: new Uint8Array(upload.body) });
    const media = (await request.formData()).get('media');
    if (!media || typeof media === 'string') return null;
    const answer = JSON.parse(upload.answer) as { media_id?: string };
    return { filename: media.name, bytes: Buffer.from(await media.arrayBuffer()), mediaId: answer.media_id ?? null };
  } catch {
    return null;
  }
}
