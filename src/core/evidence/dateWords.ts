/**
 * The words of a line that is only a date and time as `date` prints it (`Tue Mar  4 23:57:01 UTC 2025`,
 * `2025-03-04T09:12:40+01:00`, `2025年 03月 04日 星期二 09:12:40 CST`, `09:12:40`): report/time.ts reads such a line's
 * time, evidence/loopPasses.ts a loop's pass starting at it. Pure: no `vscode`, no Node built-ins; linear patterns.
 */

export const MONTH_NAMES: readonly string[] = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

/**
 * One word of a line that is only a date and time, as `date` prints it: a digit or sign, then digits with the
 * separators of dates, times and offsets (`2025-03-04T09:12:40+01:00`, `09:12:40`, `+0000`, `2025年`, `03月`, `02时40分07秒`), a word
 * (month, weekday, AM/PM, zone: checked by dateWord), a Chinese weekday or day period, a Japanese weekday.
 */
const DATE_TOKEN = /^(?:[0-9+-][0-9:.,+\-/TZ年月日时分秒]*|\(?[A-Za-z]{1,9}\)?[.,]?|(?:星期|周)[一二三四五六日天]|[月火水木金土日]曜日|上午|下午)$/;
const DATE_WORDS: ReadonlySet<string> = new Set([
  ...MONTH_NAMES,
  ...MONTH_NAMES.map((m) => m.slice(0, 3)),
  ...['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'].flatMap((d) => [d, d.slice(0, 3)]),
  'am',
  'pm',
]);
const dateWord = (w: string): boolean => !/[A-Za-z]/.test(w) || /[0-9]/.test(w) || DATE_WORDS.has(w.replace(/[().,]/g, '').toLowerCase()) || /^\(?[A-Z]{1,5}\)?$/.test(w);

/** Whether every word of the line is a word of a date and time as `date` prints it (DATE_TOKEN, dateWord). */
export function onlyDateWords(text: string): boolean {
  for (const w of text.trim().split(/\s+/)) if (!DATE_TOKEN.test(w) || !dateWord(w)) return false;
  return true;
}
