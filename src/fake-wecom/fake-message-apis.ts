/**
 * The fake WeCom API's token, message, media and user endpoints (for tests and the demo only).
 */
import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { fail, nextId, ok, requireToken } from './fake-api-answers.js';
import type { Answer, FakeApiName, Handler, RecordedCall } from './fake-api-types.js';

const LIMITS: Record<string, number> = { text: 2048, markdown: 4096 };
const TOKEN_TTL_S = 7200;

export const MESSAGE_APIS: Partial<Record<FakeApiName, Handler>> = {
  gettoken: ({ state, query }) => {
    const { corpId, secret } = state.options;
    if (corpId && query.corpid !== corpId) return fail(40013, 'invalid corpid');
    if (secret && query.corpsecret !== secret) return fail(40001, 'invalid credential');
    const token = `tok-${++state.tokensIssued}`;
    state.tokens.set(token, Date.now() + TOKEN_TTL_S * 1000);
    return ok({ access_token: token, expires_in: TOKEN_TTL_S });
  },
  'message/send': requireToken(({ state, body, call }) => {
    const problem = checkMessage(body, ['agentid']);
    if (problem) return problem;
    const message = body as Record<string, unknown>;
    if (!message.touser && !message.toparty) return fail(40031, 'invalid user list');
    call.touser = String(message.touser ?? '').split('|').filter(Boolean);
    const { users } = state.options;
    const unknown = users ? call.touser.filter((u) => u !== '@all' && !users[u]) : [];
    return ok({ msgid: nextId(state, 'msg'), invaliduser: unknown.join('|') });
  }),
  'media/upload': requireToken(async ({ state, query, raw, req, call }) => {
    if (query.type !== 'image' && query.type !== 'file') return fail(40004, 'invalid media type');
    return (await readMedia(raw, req, call)) ?? ok({ type: query.type, media_id: nextId(state, 'media'), created_at: '1' });
  }),
  'user/get': requireToken(({ state, query }) => {
    const userid = query.userid ?? '';
    const user = state.options.users ? state.options.users[userid] : { name: userid, department: [1] };
    return user ? ok({ userid, department: [1], ...user }) : fail(60111, 'userid not found');
  }),
  'webhook/send': ({ query, body, call }) => {
    if (!query.key) return fail(93000, 'invalid webhook url');
    call.chatid = (body as { chatid?: string } | null)?.chatid;
    return checkMessage(body, []) ?? ok();
  },
  'webhook/upload_media': async ({ state, query, raw, req, call }) => {
    if (!query.key) return fail(93000, 'invalid webhook url');
    if (query.type !== 'file') return fail(40004, 'invalid media type');
    return (await readMedia(raw, req, call)) ?? ok({ type: 'file', media_id: nextId(state, 'media'), created_at: '1' });
  },
};

function checkMessage(body: unknown, required: string[]): Answer | undefined {
  if (typeof body !== 'object' || body === null) return fail(47001, 'data format error');
  const message = body as Record<string, unknown>;
  if (required.some((key) => message[key] === undefined)) return fail(41011, `missing ${required.join('/')}`);
  const msgtype = String(message.msgtype ?? '');
  const content = message[msgtype] as Record<string, unknown> | undefined;
  if (!content || typeof content !== 'object') return fail(40008, 'invalid message type');
  const limit = LIMITS[msgtype];
  if (limit && Buffer.byteLength(String(content.content ?? '')) > limit) return fail(45002, 'content size out of limit');
  if (msgtype === 'image' && 'base64' in content) {
    const md5 = createHash('md5').update(Buffer.from(String(content.base64), 'base64')).digest('hex');
    if (md5 !== content.md5) return fail(40009, 'invalid image md5');
  }
  return undefined;
}

async function readMedia(raw: Buffer, req: IncomingMessage, call: RecordedCall): Promise<Answer | undefined> {
  try {
    const headers = { 'content-type': req.headers['content-type'] ?? '' };
    const request = new Request('http://fake/', { method: 'POST', headers, body: new Uint8Array(raw) });
    const media = (await request.formData()).get('media');
    if (!media || typeof media === 'string') return fail(41001, 'missing media');
    call.media = { filename: media.name, size: media.size };
    return media.size < 5 ? fail(40006, 'invalid file size') : undefined;
  } catch {
    return fail(47001, 'data format error');
  }
}
