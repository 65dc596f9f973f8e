/**
 * Lines that carry someone else's words with their speaker: a chat log pasted into a note (`[10:42] bob: just
 * enable tcp_tw_recycle`, `10:42 <alice> …`) or a quote that names who said it (`> Bob: …`, `> 老王：…`). The
 * misconception checks read such a line as attributed: the note reports what was said, it does not say it.
 * Labels that notes put before their own words (`> Note:`, `> **Fix:**`, `Q:`/`A:`, 结论：) are no speakers.
 * Pure: no `vscode`, no Node built-ins.
 */

/** A time stamp opening a chat line: `[10:42]`, `10:42:05`, `[2024-03-04 10:42]`. */
const STAMP = String.raw`\[?(?:\d{4}-\d{2}-\d{2}[ T])?\d{1,2}:\d{2}(?::\d{2})?(?:\s?[AaPp][Mm])?\]?`;
/** A speaker: one name (letters, digits, `._-`, or 1–4 Chinese characters), maybe `<nick>`, `@nick` or bold. */
const NAME = String.raw`(?:\*\*)?(?:<@?[\w.-]{1,24}>|@?[A-Za-z][\w.-]{1,23}|[\u4e00-\u9fff]{1,4})(?:\*\*)?`;
/** A chat line: a time stamp, then a speaker and `:` (or `<nick>` alone). */
const CHAT = new RegExp(String.raw`^[ \t>*-]*${STAMP}[ \t]+(?:<@?[\w.-]{1,24}>|${NAME}[ \t]*[:：])`);
/** A quote opened by a speaker and `:`. */
const QUOTED = new RegExp(String.raw`^ {0,3}>[ \t>]*(${NAME})[ \t]*[:：]`);
/** Labels a note puts before its own words, not names. */
const LABELS = new Set(
  ('note notes tip tips fix fixes cause causes action actions todo summary solution conclusion update result results answer question ' +
    'important warning caution info example impact mitigation workaround why how what status root step steps edit tl;dr tldr ps')
    .split(' '),
);
const LABELS_ZH = /^(?:结论|原因|根因|解决|方案|备注|建议|措施|现象|处理|总结|注意|提示|说明|更新|问题|回答|答|问|步骤|影响|排查|分析|原理|重点|警告|补充)/;

/** Whether the raw line is a chat line or a quote with its speaker. */
export function spokenBy(raw: string): boolean {
  if (CHAT.test(raw)) return true;
  const m = QUOTED.exec(raw);
  if (!m) return false;
  const name = (m[1] as string).replace(/[*<>@]/g, '');
  return !LABELS.has(name.toLowerCase()) && !LABELS_ZH.test(name);
}
