import { describe, expect, it } from 'vitest';
import { escapeMarkdown, joinMarkdown, md } from '../../src/bot/markdown.js';
import { replyMarkdown } from '../../src/bot/inbound-message.js';

describe('escapeMarkdown', () => {
  it('leaves no link, tag, mention, emphasis or bare URL', () => {
    expect(escapeMarkdown('[领取证书](https://evil.example/x) ![img](http://e/i.png) <http://e>')).toBe(
      '［领取证书］(https：//evil.example/x) !［img］(http：//e/i.png) ＜http：//e＞',
    );
    expect(escapeMarkdown('<font color="info">绿</font><@zhang> & &lt;b&gt;')).toBe('＜font color="info"＞绿＜/font＞＜@zhang＞ ＆ ＆lt;b＆gt;');
    expect(escapeMarkdown('**粗** *斜* ~~删~~ `码` _斜_ a|b \\*')).toBe('＊＊粗＊＊ ＊斜＊ ～～删～～ ｀码｀ ＿斜＿ a｜b ＼＊');
    expect(escapeMarkdown('见 www.evil.example 或 ftp://x')).toBe('见 www．evil.example 或 ftp：//x');
  });

  it('neutralises line starts (headings, quotes, lists, setext underlines) but not a mid-line #id or a userid', () => {
    expect(escapeMarkdown('# 标题\n> 引用\n- 项\n+ 项\n1. 一\n  2) 二\n===\n---')).toBe('＃ 标题\n＞ 引用\n－ 项\n＋ 项\n1． 一\n  2） 二\n＝＝＝\n－－－');
    expect(escapeMarkdown('#12 提交编号 #12，zhang_san 的 user-research，-2 分，74.00 分')).toBe('#12 提交编号 #12，zhang_san 的 user-research，-2 分，74.00 分');
  });

  it('is idempotent', () => {
    const once = escapeMarkdown('# [a](http://b) _c_ <d> 1. e');
    expect(escapeMarkdown(once)).toBe(once);
  });
});

describe('md and joinMarkdown', () => {
  it('keep the template\'s markup and escape every value', () => {
    const name = '[x](http://evil)';
    expect(md`**${name}** <font color="info">+${1.5}</font>`).toBe('**［x］(http：//evil)** <font color="info">+1.5</font>');
    expect(joinMarkdown([md`## ${'# 标题'}`, md`${'- a'}`])).toBe('## ＃ 标题\n－ a');
    expect(joinMarkdown([md`a`, md`b`], md`、`)).toBe('a、b');
  });
});

describe('replyMarkdown', () => {
  it('uses a reply\'s markdown, else its escaped text, within WeCom\'s 4096 bytes', () => {
    expect(replyMarkdown({ text: 'x', markdown: md`**好**` })).toBe('**好**');
    expect(replyMarkdown({ text: '[a](http://b)' })).toBe('［a］(http：//b)');
    expect(Buffer.byteLength(replyMarkdown({ text: '[]'.repeat(2000) }))).toBeLessThanOrEqual(4096);
  });
});
