import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CHAT_ID, ROSTER, startCampFixture, type CampFixture } from '../support/camp-fixture.js';

/** The live markup found in a markdown answer: links, URLs, tags (`<font>`, `<@id>`), emphasis, headings, quotes. */
function liveMarkup(markdown: string): string[] {
  const patterns = [
    /\[[^\]\n]*\]\([^)\n]*\)/g,
    /[A-Za-z][A-Za-z0-9+.-]*:\/\/\S*/g,
    /\bwww\.\S*/gi,
    /<[A-Za-z@/!][^>\n]*>?/g,
    /\*\*[^*\n]+\*\*|__[^_\n]+__|~~[^~\n]+~~|`[^`\n]+`/g,
    /^[ \t]*(?:#+|>|[-+*]|\d+[.)])[ \t]/gm,
  ];
  return patterns.flatMap((pattern) => markdown.match(pattern) ?? []);
}

const LINK = '[领取结业证书](https://evil.example/x)';
const HOSTILE_NAME = '**小坏** [证书](https://evil.example/c) <@zhang>';

let f: CampFixture;
beforeEach(async () => {
  const hostile = { userid: 'bad', name: HOSTILE_NAME, department: '研发部', team: 'A', role: 'learner' as const, joined: null };
  f = await startCampFixture({ roster: [...ROSTER, hostile] });
});
afterEach(() => f.close());

describe('learners\' words are never live markdown (group robot and AI bot replies)', () => {
  it('an unknown command that is a link comes back as inert text on both markdown channels', async () => {
    const group = await f.group('ming', `/${LINK}`);
    const ai = await f.aiBot('ming', `/${LINK}`, { chatId: CHAT_ID });
    const single = await f.aiBot('ming', `/${LINK}`);
    for (const reply of [group, ai, single]) {
      expect(reply).toContain('没有这个命令「/［领取结业证书］(https：//evil.example/x)」');
      expect(liveMarkup(reply ?? '')).toEqual([]);
    }
    // The app shows plain text, where nothing is markup: the learner's words come back as typed.
    expect(await f.app('ming', `/${LINK}`)).toContain(`「/${LINK}」`);
  });

  it('mentions, <font>, emphasis and bare URLs typed by a learner stay inert', async () => {
    const typed = '/<@zhang><font>紧急</font>**全体**~~注意~~`x`_斜体_www.evil.example';
    const reply = await f.group('ming', typed);
    expect(liveMarkup(reply ?? '')).toEqual([]);
    expect(reply).toContain('＜@zhang＞＜font＞紧急＜/font＞＊＊全体＊＊～～注意～～｀x｀＿斜体＿www．evil.example');
  });

  it('echoed names, assignment ids and titles are escaped: candidates, /submit, /assign', async () => {
    const candidates = await f.group('zhang', '/score exam @小 80');
    expect(candidates).toContain('＊＊小坏＊＊ ［证书］(https：//evil.example/c) ＜@zhang＞(bad)');
    const submitted = await f.aiBot('ming', '/submit [作业](https://evil.example/s) 我的答案', { chatId: CHAT_ID });
    expect(submitted).toMatch(/^没有作业「［作业］\(https：\/\/evil\.example\/s\)」/);
    const assigned = await f.group('zhang', '/assign a1 [点我](https://evil.example/t)');
    expect(assigned).toContain('《［点我］(https：//evil.example/t)》');
    for (const reply of [candidates, submitted, assigned]) expect(liveMarkup(reply ?? '')).toEqual([]);
  });

  it('intended formatting still works: /rank bolds the asker\'s own line, names inside it stay inert', async () => {
    await f.group('zhang', '/score exam bad 90');
    await f.group('zhang', '/score exam ming 80');
    for (const reply of [await f.group('bad', '/rank'), await f.aiBot('bad', '/排行', { chatId: CHAT_ID })]) {
      const lines = (reply ?? '').split('\n');
      expect(lines[1]).toBe('**1． ＊＊小坏＊＊ ［证书］(https：//evil.example/c) ＜@zhang＞（A） 90.00 ← 你**');
      expect(lines[2]).toBe('2． 小明（A） 80.00');
      expect(liveMarkup(lines.slice(2).join('\n'))).toEqual([]);
    }
    expect((await f.app('bad', '/rank'))?.split('\n')[1]).toBe(`1. ${HOSTILE_NAME}（A） 90.00 ← 你`);
  });
});
