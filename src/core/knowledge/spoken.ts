/**
 * Lines that carry someone else's words with their speaker: a chat log pasted into a note (`[10:42] bob: just
 * enable tcp_tw_recycle`, `10:42 <alice> …`) or a quote that names who said it (`> Bob: …`, `> 老王：…`). The
 * misconception checks read such a line as attributed: the note reports what was said, it does not say it.
 * Labels that notes put before their own words (`> Note:`, `> **Fix:**`, `Q:`/`A:`, 结论：) are no speakers.
 * Pure: no `vscode`, no Node built-ins.
 */

/**
 * A chat log's time stamp in brackets: `[10:42]`, `[10:42:05]`, `[2024-03-04 10:42]` (a bare `10:50` opens the
 * entries of an incident timeline, which are the note's own).
 */
const STAMP = String.raw`\[(?:\d{4}-\d{2}-\d{2}[ T])?\d{1,2}:\d{2}(?::\d{2})?(?:\s?[AaPp][Mm])?\]`;
/** An IRC-style time and nick: `10:42 <bob>`. */
const IRC = String.raw`(?:\[?(?:\d{4}-\d{2}-\d{2}[ T])?\d{1,2}:\d{2}(?::\d{2})?\]?[ \t]+)?<@?[\w.-]{1,24}>`;
/** A speaker: one name (letters, digits, `._-`, or 1–4 Chinese characters), maybe `<nick>`, `@nick` or bold. */
const NAME = String.raw`(?:\*\*)?(?:<@?[\w.-]{1,24}>|@?[A-Za-z][\w.-]{1,23}|[\u4e00-\u9fff]{1,4})(?:\*\*)?`;
/** A chat line: a bracketed time stamp, then a speaker and `:`; or an IRC line. Group 1: the speaker. */
const CHAT = new RegExp(String.raw`^[ \t>*-]*${STAMP}[ \t]+(${NAME})[ \t]*[:：]`);
const IRC_LINE = new RegExp(String.raw`^[ \t>*-]*${IRC}`);
/** A quote opened by a speaker and `:`. */
const QUOTED = new RegExp(String.raw`^ {0,3}>[ \t>]*(${NAME})[ \t]*[:：]`);
/** Labels a note puts before its own words, not names. */
const LABELS = new Set(
  ('note notes tip tips fix fixes cause causes action actions todo summary solution conclusion update result results answer question ' +
    'important warning caution info example impact mitigation workaround why how what status root step steps edit tl;dr tldr ps ' +
    'recommendation recommendations takeaway takeaways remember lesson lessons learned recap background context symptom ' +
    'symptoms observation observations hypothesis rule rules fyi reminder advice tip hint plan decision result outcome')
    .split(' '),
);
const LABELS_ZH = /^(?:结论|原因|根因|解决|方案|备注|建议|措施|现象|处理|总结|注意|提示|说明|更新|问题|回答|答|问|步骤|影响|排查|分析|原理|重点|警告|补充|经验|小结|教训|心得|要点|背景|结果|复盘|计划|决定|观察|假设|规则)/;

/** Whether the raw line is a chat line or a quote with its speaker. */
export function spokenBy(raw: string): boolean {
  if (IRC_LINE.test(raw)) return true;
  const m = CHAT.exec(raw) ?? QUOTED.exec(raw);
  if (!m) return false;
  const name = (m[1] as string).replace(/[*<>@]/g, '');
  return !LABELS.has(name.toLowerCase()) && !LABELS_ZH.test(name);
}
