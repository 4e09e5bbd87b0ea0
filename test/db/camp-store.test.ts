import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseCampFile } from '../../src/camp/parse-camp-file.js';
import { bindChat, campIdForChat, chatBinding, chatsOfCamp, loadCamp, rememberWebhook, saveCamp } from '../../src/db/camp-store.js';
import type { Store } from '../../src/db/db.js';
import { campsOfUser, findPeople, importRoster, learnersOf, rolesOf, rosterOf } from '../../src/db/roster-store.js';
import { openTestStore, testEngine } from '../support/test-store.js';

const CAMP = `
id: c1
name: 测试营
starts: 2026-11-02
ends: 2026-12-04
chats:
  - { id: chatA, webhook: "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=A" }
  - chatB
trainers: [zhangsan]
managers: [lisi]
admins: { users: [wangwu], parties: [12] }
`;

describe(`camp store (${testEngine()})`, () => {
  let store: Store;
  beforeEach(async () => {
    store = await openTestStore();
  });
  afterEach(() => store.close());

  it('creates a camp with its roles and chats, and reports changes on update', async () => {
    const first = await saveCamp(store, parseCampFile(CAMP), 1_000);
    expect(first).toMatchObject({ created: true, changed: [], chatsAdded: ['chatA', 'chatB'], membersRemoved: [] });
    expect(first.membersAdded).toEqual([
      { userid: 'zhangsan', role: 'trainer' }, { userid: 'lisi', role: 'manager' }, { userid: 'wangwu', role: 'admin' },
    ]);
    expect((await loadCamp(store, 'c1'))?.name).toBe('测试营');
    expect(await campIdForChat(store, 'chatB')).toBe('c1');
    expect(await chatsOfCamp(store, 'c1')).toEqual([
      { chatId: 'chatA', webhookUrl: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=A' }, { chatId: 'chatB', webhookUrl: null },
    ]);

    const edited = CAMP.replace('trainers: [zhangsan]', 'trainers: [zhaoliu]').replace('name: 测试营', 'name: 新名字');
    const second = await saveCamp(store, parseCampFile(edited), 2_000);
    expect(second.created).toBe(false);
    expect(second.changed).toEqual([
      { path: 'name', before: '测试营', after: '新名字' },
      { path: 'trainers', before: ['zhangsan'], after: ['zhaoliu'] },
    ]);
    expect(second.membersAdded).toEqual([{ userid: 'zhaoliu', role: 'trainer' }]);
    expect(second.membersRemoved).toEqual([{ userid: 'zhangsan', role: 'trainer' }]);
    expect(second.chatsAdded).toEqual([]);
    expect(await rolesOf(store, 'c1', 'zhangsan')).toEqual([]);
    expect(await rolesOf(store, 'c1', 'zhaoliu')).toEqual(['trainer']);
  });

  it('binds chats and remembers webhooks', async () => {
    await saveCamp(store, parseCampFile(CAMP), 1_000);
    await bindChat(store, 'chatC', 'c1', 'zhangsan', 2_000);
    await rememberWebhook(store, 'chatC', 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=C');
    await rememberWebhook(store, 'unbound', 'https://qyapi.weixin.qq.com/x');
    expect(await campIdForChat(store, 'unbound')).toBeNull();
    expect((await chatsOfCamp(store, 'c1')).find((c) => c.chatId === 'chatC')?.webhookUrl).toContain('key=C');
    expect(await chatBinding(store, 'chatC')).toEqual({ campId: 'c1', boundBy: 'zhangsan', boundAt: 2_000 });
    expect(await chatBinding(store, 'unbound')).toBeNull();
  });

  it('imports a roster and finds people by userid or display name', async () => {
    await saveCamp(store, parseCampFile(CAMP), 1_000);
    const result = await importRoster(store, 'c1', [
      { userid: 'u1', name: '张三', department: '研发', team: 'A', role: 'learner', joined: '2025-07-01' },
      { userid: 'u2', name: '张三', department: '产品', team: 'B', role: 'learner', joined: null },
      { userid: 'zhangsan', name: '张老师', department: null, team: null, role: 'learner', joined: null },
    ]);
    expect(result).toEqual({ peopleAdded: 2, peopleUpdated: 1, membersAdded: 3, membersUpdated: 0 });
    expect((await learnersOf(store, 'c1')).map((l) => [l.userid, l.team])).toEqual([['u1', 'A'], ['u2', 'B'], ['zhangsan', null]]);
    expect((await rosterOf(store, 'c1')).find((r) => r.userid === 'zhangsan')).toMatchObject({ name: '张老师', roles: ['learner', 'trainer'] });
    expect((await findPeople(store, 'c1', '@张三')).map((p) => p.userid)).toEqual(['u1', 'u2']);
    expect((await findPeople(store, 'c1', 'u2')).map((p) => p.userid)).toEqual(['u2']);
    expect(await findPeople(store, 'c1', '@无此人')).toEqual([]);
    expect(await campsOfUser(store, 'zhangsan')).toEqual([{ campId: 'c1', roles: ['learner', 'trainer'] }]);
  });
});
