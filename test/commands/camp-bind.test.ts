import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseCampFile } from '../../src/camp/parse-camp-file.js';
import { localDateOf } from '../../src/camp/time-zone.js';
import { chatBinding, saveCamp } from '../../src/db/camp-store.js';
import { formatLocalTime } from '../../src/camp/time-zone.js';
import { CAMP_ID, CHAT_ID, startCampFixture, type CampFixture } from '../support/camp-fixture.js';

const NOW = Math.floor(Date.now() / 60_000) * 60_000;
const NEW_CHAT = 'wrNewChat';
const SECOND = 'second';
const DAY = 86_400_000;

let f: CampFixture;
beforeEach(async () => {
  f = await startCampFixture({ now: () => NOW });
  // A second camp: zhang trains both, qian only this one.
  await saveCamp(f.store, parseCampFile(`id: ${SECOND}\nname: 第二营\nstarts: ${localDateOf(NOW - 7 * DAY, 'Asia/Shanghai')}\nends: ${localDateOf(NOW + 30 * DAY, 'Asia/Shanghai')}\ntrainers: [zhang, qian]\n`), NOW);
});
afterEach(() => f.close());

const bind = (from: string, text: string, chatId = NEW_CHAT) => f.send('group-robot', { from, text: `@训练营助手 ${text}`, chatId }).then((r) => r.reply);

describe('/camp bind in a group already bound to another camp', () => {
  it('says which camp, who bound it and when, and how to move it; nothing changes', async () => {
    expect(await bind('zhang', `/绑定 ${CAMP_ID}`)).toMatch(/^已将本群绑定到「AI 测试营」/);
    const bound = await chatBinding(f.store, NEW_CHAT);
    expect(bound).toEqual({ campId: CAMP_ID, boundBy: 'zhang', boundAt: NOW });
    const current = `本群已绑定到「AI 测试营」（${CAMP_ID}），由 张老师 于 ${formatLocalTime(NOW, 'Asia/Shanghai')} 绑定`;
    const how = `两个训练营都由你负责时，发送 /绑定 ${SECOND} 迁移 即可改绑（或在训练营文件的 chats: 中配置），本次未做任何更改`;
    expect(await bind('qian', `/绑定 ${SECOND}`)).toBe(`${current}；${how}`);
    expect(await bind('zhang', `/camp bind ${SECOND}`)).toBe(`${current}；${how}`);
    expect(await bind('qian', `/绑定 ${SECOND} 迁移`)).toBe(`${current}；只有同时是「${CAMP_ID}」和「${SECOND}」培训老师的人才能迁移，本次未做任何更改`);
    expect(await bind('ming', `/绑定 ${SECOND} 迁移`)).toBe(`只有训练营「${SECOND}」的培训老师可以绑定，本次未做任何更改`);
    expect(await bind('zhang', `/绑定 ${SECOND} 马上`)).toMatch(/^不认识「马上」.*用法：\/camp bind/);
    expect(await chatBinding(f.store, NEW_CHAT)).toEqual(bound);
    expect(await f.events()).toEqual([]);
  });

  it('binding again to the same camp is a friendly no-op, for anyone in the group', async () => {
    await bind('zhang', `/绑定 ${CAMP_ID}`);
    const bound = await chatBinding(f.store, NEW_CHAT);
    for (const who of ['zhang', 'ming']) expect(await bind(who, `/绑定 ${CAMP_ID}`)).toBe(`本群已绑定到「AI 测试营」（${CAMP_ID}），无需再绑定`);
    expect(await chatBinding(f.store, NEW_CHAT)).toEqual(bound);
  });

  it('moves with 迁移 from a trainer of both camps', async () => {
    await bind('zhang', `/绑定 ${CAMP_ID}`);
    expect(await bind('zhang', `/绑定 ${SECOND} 迁移`)).toBe(`已将本群从「${CAMP_ID}」迁移到「第二营」（${SECOND}），群消息从现在起计入参与度。发送 /帮助 查看命令`);
    expect(await chatBinding(f.store, NEW_CHAT)).toEqual({ campId: SECOND, boundBy: 'zhang', boundAt: NOW });
  });

  it('a chat bound by a camp file moves only by editing the camp files', async () => {
    const before = await chatBinding(f.store, CHAT_ID);
    expect(before?.boundBy).toBe('camp-file');
    expect(await bind('zhang', `/绑定 ${SECOND} 迁移`, CHAT_ID)).toMatch(
      new RegExp(`^本群已绑定到「AI 测试营」（${CAMP_ID}），由 训练营文件的 chats: 于 .+ 绑定；要改绑请修改训练营文件的 chats: 后重新 camp apply，本次未做任何更改$`),
    );
    expect(await chatBinding(f.store, CHAT_ID)).toEqual(before);
  });
});
