declare const MARKDOWN: unique symbol;

/**
 * Text that may be sent as WeCom markdown. Only `escapeMarkdown`, `md` and `joinMarkdown` make one, so whatever a
 * learner typed (a name, a comment, an unknown command) reaches a markdown channel as inert text.
 */
export type Markdown = string & { readonly [MARKDOWN]: true };

// WeCom's markdown dialects (the group robot's and the AI bot's) document no escape character, and a renderer that
// ignores backslashes would still see `\[x\](url)` as a link. So markup characters are swapped for their full-width
// look-alikes, which no dialect treats as markup and which read naturally in Chinese text.
const INLINE: Record<string, string> = {
  '[': '［', ']': '］', '<': '＜', '>': '＞', '*': '＊', '`': '｀', '~': '～', '|': '｜', '\\': '＼', '&': '＆',
};
const INLINE_MARKUP = /[[\]<>*`~|\\&]/g;
// `_` emphasises only at a word's edge; inside an ASCII word (`zhang_san`, a userid to copy) it stays.
const EDGE_UNDERSCORE = /_(?![A-Za-z0-9])|(?<![A-Za-z0-9])_/g;
// Headings (`#` then a space, in both dialects), lists and setext underlines start a line; quotes start with `>`,
// already swapped.
const LINE_MARKER = /^([ \t]*)(#+(?=[ \t]|$)|[-+](?=[ \t]|$)|\d{1,9}[.)](?=[ \t]|$)|[-=]+(?=[ \t]*$))/gm;
const SCHEME_SEPARATOR = /:\/\//g;
const BARE_WWW = /(?<![A-Za-z0-9])www\./gi;
const FULL_WIDTH: Record<string, string> = { '#': '＃', '-': '－', '+': '＋', '=': '＝', '.': '．', ')': '）' };

/**
 * Makes plain text inert as WeCom markdown: no link, mention (`<@id>`), `<font>`, emphasis, heading, quote or list
 * survives, and bare URLs are no longer clickable. Idempotent.
 * @example escapeMarkdown('[领取证书](https://evil.example/x)') // '［领取证书］(https：//evil.example/x)'
 */
export function escapeMarkdown(text: string): Markdown {
  return text
    .replace(SCHEME_SEPARATOR, '：//')
    .replace(BARE_WWW, (www) => `${www.slice(0, 3)}．`)
    .replace(INLINE_MARKUP, (char) => INLINE[char] ?? char)
    .replace(EDGE_UNDERSCORE, '＿')
    .replace(LINE_MARKER, (_all, indent: string, marker: string) => indent + marker.replace(/[#\-+=.)]/g, (char) => FULL_WIDTH[char] ?? char)) as Markdown;
}

/** A value `md` accepts: plain text or a number, never markdown (that would be escaped; join it instead). */
type PlainValue<T> = T extends Markdown ? never : T;

/**
 * Builds markdown from a template whose literal parts are trusted markup and whose every interpolated value is
 * escaped, so a value can never add markup. Markdown pieces are combined with `joinMarkdown`, not interpolated.
 * @example md`**${award.name}** ${learner.name}` // '**最佳实践奖** 小明'
 */
export function md<const V extends readonly (string | number)[]>(
  literals: TemplateStringsArray,
  ...values: { [K in keyof V]: PlainValue<V[K]> }
): Markdown {
  return literals.reduce((built, literal, index) => {
    const value = index < values.length ? escapeMarkdown(String(values[index])) : '';
    return built + literal + value;
  }, '') as Markdown;
}

const NEWLINE = '\n' as Markdown;

/**
 * Joins pieces of markdown (lines, by default).
 * @example joinMarkdown([md`## ${title}`, md`${line}`]); joinMarkdown(names.map((name) => md`${name}`), md`、`)
 */
export function joinMarkdown(parts: readonly Markdown[], separator: Markdown = NEWLINE): Markdown {
  return parts.join(separator) as Markdown;
}
