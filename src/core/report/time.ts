/**
 * Times as notes carry them: ISO 8601 (`2025-03-14T09:26:53+08:00`, `2025-03-14 09:26`, `2024.03.05 14:05`),
 * `date` output in the C locale (`Fri Mar 14 09:26:53 CST 2025`, `Fri 14 Mar 2025 09:26:53 AM UTC`), zh_CN
 * (`2025年 03月 14日 星期五 09:26:53 CST`, `date +%c`: `2024年03月05日 星期二 02时40分07秒`) and ja_JP, written dates
 * (`2024年3月5日 凌晨2点10分`, `Mar 5, 2024 2:10 PM`, `3月5日 14:05` without a year), a time of day in a heading
 * or a line (`### 09:31 再看一次`, `下午 2:10`, `2:10 PM`, `14点05分`, `14：05`), and a date alone (a heading's
 * date for the times under it). A day-period word (上午 下午 凌晨 晚上 …) or AM / PM next to a time sets its half of
 * the day (hourIn); `H点` without minutes is a time only after such a word. A zone name is read when it names one
 * offset (ZONE_NAMES: CEST, PDT, JST, …), after a time as in `date` output; names shared by several zones are
 * ambiguous (CST is China and US Central): such times keep their wall clock and no offset (onOneAxis reads them in
 * the zone the note gives elsewhere). Pure: no `vscode`, no Node built-ins. Every regular expression is linear, and
 * runs only on one line (at most MAX_TEXT characters) that has a clock's separator (`:` `：` `点` `时`).
 */
import { MONTH_NAMES, onlyDateWords } from '../evidence/dateWords';

export interface NoteTime {
  /** Calendar date, when the text gives one. */
  readonly date?: { readonly y: number; readonly m: number; readonly d: number };
  readonly h: number;
  readonly min: number;
  readonly s: number;
  /** Minutes east of UTC, when the text gives an unambiguous zone. */
  readonly offset?: number;
  /**
   * The date came from a heading above (`# 2024-03-05 lb-9`), not with the time: it is the day the samples under
   * it started, and a time past midnight under it moves to the next day (onOneAxis).
   */
  readonly dateInherited?: boolean;
  /**
   * The line of the dated heading the time stands under (with its own date or an inherited one): the times under
   * one heading are one run of samples, so an inherited date follows the one before it under the same heading.
   */
  readonly under?: number;
  /**
   * Month and day, when the text gives them without a year (`3月5日 14:05`, `Mar 5 14:05`): onOneAxis takes the
   * year from the nearest dated time of the note, or counts the days between them in a note that dates nothing.
   */
  readonly monthDay?: { readonly m: number; readonly d: number };
  /** Days after the note's first day, for a time in a note that dates nothing (23:59, then 00:01): set by onOneAxis. */
  readonly days?: number;
}

const MAX_TEXT = 300;

function validClock(h: number, min: number, s: number): boolean {
  return h <= 23 && min <= 59 && s <= 60;
}

/** A day of the calendar: 2024-02-29 is one, 2023-02-29 and 2024-02-30 are not. */
export function validDate(y: number, m: number, d: number): boolean {
  return y >= 1990 && y <= 2100 && validDay(m, d) && d <= daysIn(y, m);
}

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
/** A month and day without a year: 2月29日 may be one (a leap year's), 2月30日 and 4月31日 are not. */
const validDay = (m: number, d: number): boolean => m >= 1 && m <= 12 && d >= 1 && d <= (DAYS_IN_MONTH[m - 1] as number);
const daysIn = (y: number, m: number): number => (m === 2 ? (y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28) : (DAYS_IN_MONTH[m - 1] as number));

/**
 * Zone abbreviations `date` prints that name one offset (minutes east of UTC): Europe's, North America's, and
 * East Asia's and Australasia's. Names shared by zones with different offsets are left out and stay unread —
 * CST (China, US Central), IST (India, Ireland, Israel), BST (British Summer, Bangladesh), AST, CDT — as are
 * those a note rarely shows. A summer-time name carries its own offset (CEST is +02:00 whatever the date).
 */
const ZONE_NAMES: Readonly<Record<string, number>> = {
  WET: 0,
  WEST: 60,
  CET: 60,
  CEST: 120,
  EET: 120,
  EEST: 180,
  MSK: 180,
  EST: -300,
  EDT: -240,
  MST: -420,
  MDT: -360,
  PST: -480,
  PDT: -420,
  AKST: -540,
  AKDT: -480,
  HST: -600,
  HKT: 480,
  SGT: 480,
  AWST: 480,
  JST: 540,
  KST: 540,
  ACST: 570,
  ACDT: 630,
  AEST: 600,
  AEDT: 660,
  NZST: 720,
  NZDT: 780,
};

function zoneOffset(z: string | undefined): number | undefined {
  if (z === undefined) return undefined;
  if (z === 'Z' || z === 'UTC' || z === 'GMT') return 0;
  if (Object.hasOwn(ZONE_NAMES, z)) return ZONE_NAMES[z];
  // `+0800`, `+08:00`, and `+08` / `-03` (glibc's name for zones without an abbreviation: Asia/Singapore, America/Sao_Paulo).
  const m = /^([+-])(\d{2})(?::?(\d{2}))?$/.exec(z);
  if (!m || Number(m[2]) > 14) return undefined;
  const v = Number(m[2]) * 60 + Number(m[3] ?? 0);
  return m[1] === '-' ? -v : v;
}

/**
 * What a word next to a time says about its hour: English AM / PM, and the Chinese day periods — 上午 早上 早晨
 * 清晨 今早 明早 (morning), 凌晨 (the small hours), 中午 (around noon), 下午 午后 傍晚 (afternoon), 晚上 晚间 今晚
 * 昨晚 明晚 夜里 夜间 深夜 半夜 (night). Single 早 / 晚 are not read (最早 / 最晚 are "earliest" / "at the latest").
 */
type Period = 'am' | 'pm' | 'morning' | 'smallHours' | 'noon' | 'afternoon' | 'night';

const PERIOD_WORDS: readonly (readonly [string, Period])[] = [
  ['上午', 'morning'],
  ['早上', 'morning'],
  ['早晨', 'morning'],
  ['清晨', 'morning'],
  ['今早', 'morning'],
  ['明早', 'morning'],
  ['午前', 'morning'],
  ['凌晨', 'smallHours'],
  ['中午', 'noon'],
  ['下午', 'afternoon'],
  ['午后', 'afternoon'],
  ['午後', 'afternoon'],
  ['傍晚', 'afternoon'],
  ['晚上', 'night'],
  ['晚间', 'night'],
  ['今晚', 'night'],
  ['昨晚', 'night'],
  ['明晚', 'night'],
  ['夜里', 'night'],
  ['夜间', 'night'],
  ['深夜', 'night'],
  ['半夜', 'night'],
];

/**
 * The hour on the 24-hour clock. An hour of 0 or 13–23 is read as written whatever the word says (`下午 13:30`,
 * `14:05 PM`): the digits are unambiguous. 1–12 o'clock: AM and 凌晨 12 are midnight (00:xx), PM and 下午 12 are
 * noon; 中午 1–2 are 13–14; at night (晚上 …) 5–11 are 17–23, 12 is midnight and 1–4 stay the small hours (夜里
 * 2 点 is 02:00). 上午 12 (noon or midnight?) is left as written, as are 中午 3–10.
 */
function hourIn(h: number, period: Period | undefined): number {
  if (period === undefined || h === 0 || h > 12) return h;
  switch (period) {
    case 'am':
    case 'smallHours':
      return h === 12 ? 0 : h;
    case 'morning':
      return h;
    case 'pm':
    case 'afternoon':
      return h === 12 ? 12 : h + 12;
    case 'noon':
      return h <= 2 ? h + 12 : h;
    case 'night':
      return h === 12 ? 0 : h <= 4 ? h : h + 12;
  }
}

interface Parts {
  readonly date?: NoteTime['date'];
  readonly monthDay?: NoteTime['monthDay'];
  readonly h: number;
  readonly min: number;
  readonly s: number;
  readonly offset?: number;
}

function make(p: Parts): NoteTime | undefined {
  if (!validClock(p.h, p.min, p.s)) return undefined;
  if (p.date && !validDate(p.date.y, p.date.m, p.date.d)) return undefined;
  if (p.monthDay && !validDay(p.monthDay.m, p.monthDay.d)) return undefined;
  return {
    ...(p.date ? { date: p.date } : p.monthDay ? { monthDay: p.monthDay } : {}),
    h: p.h,
    min: p.min,
    s: p.s,
    ...(p.offset !== undefined ? { offset: p.offset } : {}),
  };
}

const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const CLOCK_TOKEN = /^(\d{1,2}):(\d{2}):(\d{2})$/;
const CLOCK_IN_TEXT = /\d:\d\d:\d\d/;

/** `date` in the C locale, read token by token: `Fri Mar 14 09:26:53 CST 2025`, `Fri 14 Mar 2025 09:26:53 PM UTC`. */
function cDate(text: string): NoteTime | undefined {
  // The clock is one whole token (CLOCK_TOKEN): without `h:mm:ss` in the text there is nothing to read.
  if (!CLOCK_IN_TEXT.test(text)) return undefined;
  const t = text.split(/\s+/).filter((x) => x.length > 0);
  for (let i = 0; i < t.length; i++) {
    const w = (t[i] as string).replace(/,$/, '').slice(0, 3).toLowerCase();
    if (!WEEKDAYS.includes(w) || !/^[A-Za-z]{3,9},?$/.test(t[i] as string)) continue;
    let j = i + 1;
    let mon = 0;
    let day = 0;
    let year = 0;
    const monthOf = (x: string | undefined): number => (x && /^[A-Z][a-z]{2}$/.test(x) ? monthNamed(x) : 0);
    const num = (x: string | undefined, max: number): number => (x && /^\d{1,4}$/.test(x) && Number(x) <= max ? Number(x) : 0);
    if (monthOf(t[j]) && num(t[j + 1], 31)) {
      mon = monthOf(t[j]);
      day = num(t[j + 1], 31);
      j += 2;
    } else if (num(t[j], 31) && monthOf(t[j + 1])) {
      day = num(t[j], 31);
      mon = monthOf(t[j + 1]);
      j += 2;
    } else continue;
    if (/^\d{4}$/.test(t[j] ?? '')) year = Number(t[j++]);
    const clock = CLOCK_TOKEN.exec(t[j] ?? '');
    if (!clock) continue;
    j++;
    let period: Period | undefined;
    if (t[j] === 'AM' || t[j] === 'PM') period = t[j++] === 'AM' ? 'am' : 'pm';
    let zone: string | undefined;
    if (/^(?:[A-Z]{2,5}|[+-]\d{2}(?:\d{2})?)$/.test(t[j] ?? '')) zone = t[j++];
    if (!year && /^\d{4}$/.test(t[j] ?? '')) year = Number(t[j]);
    if (!year) return undefined;
    const offset = zoneOffset(zone);
    return make({ date: { y: year, m: mon, d: day }, h: hourIn(Number(clock[1]), period), min: Number(clock[2]), s: Number(clock[3]), ...(offset !== undefined ? { offset } : {}) });
  }
  return undefined;
}

/**
 * A time of day in text. Groups: 1 the hour; `H:MM[:SS[.fff]]` with an ASCII or full-width colon (2, 3); or
 * `H点` / `H时` followed by `MM分[SS秒]` (4, 5), by two-digit minutes (6, `14点05`), by 半 (half past) or 整
 * (o'clock) (7), or by nothing (a bare hour: a time only after a day-period word, `下午3点`; `第3点`, `3点建议` are
 * not times). Not inside a number or an address (`1.2:3`, `10.0.0.5:443`), not `分钟` (a duration). A colon right
 * after the whole time is punctuation (`采样 10:00：`, `Sample at 10:20:`, `At 10:05:30:`) when nothing but a space or
 * the end follows an ASCII one, and no digit or colon a full-width one; one going on (`10:05:00:00`, `12:34::1`,
 * `10:05：1800`) leaves no time.
 */
const CLOCK = /(?<![\d.:])(\d{1,2})(?:[:：](\d{2})(?:[:：](\d{2})(?:\.\d{1,9})?)?(?!\d|\.\d|:\S|：[\d:：])| ?[点时](?: ?(\d{1,2}) ?分(?!钟)(?: ?(\d{1,2}) ?秒)?| ?(\d{2})(?![\d分秒])|(半|整))?)/g;
/** Any of the clock's separators: a text without one has no time (most lines). */
const CLOCK_HINT = /[:：点时]/;
/** A count or a duration right after the digits (`1:30个`, `10:30分钟`, `3点50个`, `2:30 min`): not a time. */
const UNIT_AFTER = /^(?:[个次倍%秒]|分钟|小时|毫秒| ?(?:ms|s|secs?|mins?|minutes|h|hrs?|hours)(?![A-Za-z]))/;
const AMPM_AFTER = /^ ?([AaPp])\.?[Mm]\.?(?![A-Za-z])/;
/** A zone after the time: `Z`, `UTC`, `(UTC)`, `GMT`, `UTC+8`, `+08:00`, `+0800`, `+08`; zone names: ZONE_NAME_AFTER. */
const ZONE_AFTER = /^( ?)(?:[(（]?(?:UTC|GMT)(?:([+-])(\d{1,2})(?::?(\d{2}))?)?(?![A-Za-z\d])|Z(?![A-Za-z\d])|([+-])(\d{2})(?::?(\d{2}))?(?![A-Za-z\d:.]))/;

/** A zone name after the time (`09:20 CEST`, `(JST)`): read when it names one offset (ZONE_NAMES); CST, IST … are not. */
const ZONE_NAME_AFTER = /^ ?[(（]?([A-Z]{3,4})(?![A-Za-z\d])/;

/** Dates in text: `2024-03-05`, `2024/3/5`, `2024.03.05`; `3月5日` (with `2024年` before it: YEAR_BEFORE); `Mar 5, 2024`, `5 Mar 2024`. */
const NUM_DATE = /(?<!\d)(\d{4})([-/.])(\d{1,2})\2(\d{1,2})(?!\d)/g;
const ZH_MONTH_DAY = /(?<![\d月])(\d{1,2}) ?月(?:  ?)?(\d{1,2}) ?[日号]/g;
const YEAR_BEFORE = /(?<!\d)(\d{4}) ?年(?:  ?)?$/;
const EN_MONTH_DAY = /(?<![A-Za-z\d])([A-Z][a-z]{2,8})\.? (\d{1,2})(?:st|nd|rd|th)?(?![\d:])(?:,? (\d{4})(?![\d:]))?/g;
const EN_DAY_MONTH = /(?<![A-Za-z\d:])(\d{1,2}) ([A-Z][a-z]{2,8})\.?(?: (\d{4})(?![\d:]))?/g;
/** What may stand between a date and its time: a weekday (`星期二`, `（周二）`, `火曜日`, `Tue`), a comma, `T`, `at`. */
const WEEKDAY = /^(?:[（(] ?)?(?:星期|礼拜|周)[一二三四五六日天](?: ?[）)])?|^[月火水木金土日]曜日|^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]{0,6}\.?,?/;

interface DateMark {
  readonly end: number;
  readonly date?: { y: number; m: number; d: number };
  readonly monthDay?: { m: number; d: number };
}

/** `Mar`, `March`, `Sept` → 3, 3, 9; anything else 0. */
function monthNamed(word: string): number {
  const w = word.toLowerCase();
  const i = MONTH_NAMES.findIndex((full) => full === w || (w.length === 3 && full.startsWith(w)) || (w === 'sept' && full === 'september'));
  return i + 1;
}

function mark(end: number, y: number | undefined, m: number, d: number): DateMark | undefined {
  if (y !== undefined) return validDate(y, m, d) ? { end, date: { y, m, d } } : undefined;
  return validDay(m, d) ? { end, monthDay: { m, d } } : undefined;
}

/** The dates in a text, each with where it ends (a time right after it is on that date). */
function dateMarks(text: string): DateMark[] {
  const out: DateMark[] = [];
  const push = (x: DateMark | undefined): void => {
    if (x) out.push(x);
  };
  for (const m of text.matchAll(NUM_DATE)) push(mark(m.index + m[0].length, Number(m[1]), Number(m[3]), Number(m[4])));
  for (const m of text.matchAll(ZH_MONTH_DAY)) {
    const y = YEAR_BEFORE.exec(text.slice(Math.max(0, m.index - 8), m.index));
    push(mark(m.index + m[0].length, y ? Number(y[1]) : undefined, Number(m[1]), Number(m[2])));
  }
  for (const m of text.matchAll(EN_MONTH_DAY)) {
    const mon = monthNamed(m[1] as string);
    if (mon) push(mark(m.index + m[0].length, m[3] === undefined ? undefined : Number(m[3]), mon, Number(m[2])));
  }
  for (const m of text.matchAll(EN_DAY_MONTH)) {
    const mon = monthNamed(m[2] as string);
    if (mon) push(mark(m.index + m[0].length, m[3] === undefined ? undefined : Number(m[3]), mon, Number(m[1])));
  }
  return out;
}

/** The text between a date and a time joins them: nothing, `T`, a comma, a weekday, `at`. */
function joins(gap: string): boolean {
  let g = gap.trim();
  if (g === 'T') return true;
  const w = WEEKDAY.exec(g);
  if (w) g = g.slice(w[0].length).trim();
  if (g.startsWith(',') || g.startsWith('，')) g = g.slice(1).trim();
  return g === '' || g === 'at';
}

/** The date ending right before `pos` (only spaces, a weekday, a comma between), if any. */
function dateBefore(text: string, marks: readonly DateMark[], pos: number): DateMark | undefined {
  let best: DateMark | undefined;
  for (const m of marks) if (m.end <= pos && (!best || m.end > best.end || (m.end === best.end && m.date && !best.date))) best = m;
  return best && joins(text.slice(best.end, pos)) ? best : undefined;
}

/** A day-period word (or `AM` / `PM` in capitals) right before `pos`, spaces between allowed. */
function periodBefore(text: string, pos: number): { period: Period; start: number } | undefined {
  let end = pos;
  while (end > 0 && pos - end < 3 && /\s/.test(text[end - 1] as string)) end--;
  for (const [word, period] of PERIOD_WORDS) if (end >= word.length && text.startsWith(word, end - word.length)) return { period, start: end - word.length };
  const two = text.slice(Math.max(0, end - 2), end);
  if ((two === 'AM' || two === 'PM') && !/[A-Za-z]/.test(text[end - 3] ?? '')) return { period: two === 'AM' ? 'am' : 'pm', start: end - 2 };
  return undefined;
}

/**
 * The zone after a time. A bare signed offset after a space is read only with a date (`14:05 +1200` is a count),
 * and a negative one only after an ISO-like time — with seconds (`09:26:53-05:00`) or joined to its date by `T`
 * (`2025-03-14T09:26-05:00`): `14:05-14:20` and `23:00-01:00` are ranges.
 */
function zoneAfter(text: string, iso: boolean, dated: boolean): number | undefined {
  const z = ZONE_AFTER.exec(text);
  if (!z) {
    const named = ZONE_NAME_AFTER.exec(text);
    return named ? zoneOffset(named[1]) : undefined;
  }
  const [, space, utcSign, utcH, utcM, sign, hh, mm] = z;
  if (utcSign === undefined && sign === undefined) return 0; // Z, UTC, GMT
  if (sign !== undefined && ((space && !dated) || (sign === '-' && !iso))) return undefined;
  // `+08` alone (glibc's name for a zone without one) only ends a time with seconds, as `date` prints it:
  // `14:15 +10 min` is no zone.
  if (sign !== undefined && mm === undefined && (!iso || text.slice(z[0].length).trim() !== '')) return undefined;
  const h = Number(utcH ?? hh);
  const m = Number(utcM ?? mm ?? 0);
  if (h > 14 || m > 59) return undefined;
  return ((utcSign ?? sign) === '-' ? -1 : 1) * (h * 60 + m);
}

/**
 * The first time in the text that comes with a date (a date right before it), else — unless `needDate` — the first
 * time of day at all. Each time is read with the day-period word or AM / PM next to it and a zone after it.
 */
function scan(text: string, needDate: boolean): NoteTime | undefined {
  let first: NoteTime | undefined;
  let marks: DateMark[] | undefined;
  CLOCK.lastIndex = 0;
  for (let m = CLOCK.exec(text); m; m = CLOCK.exec(text)) {
    const end = m.index + m[0].length;
    if (UNIT_AFTER.test(text.slice(end, end + 10))) continue;
    const before = periodBefore(text, m.index);
    const colon = m[2] !== undefined;
    // A bare hour (`3点`) is a time only after a day-period word (`下午3点`).
    if (!colon && m[4] === undefined && m[6] === undefined && m[7] === undefined && !before) continue;
    const min = colon ? Number(m[2]) : m[4] !== undefined ? Number(m[4]) : m[6] !== undefined ? Number(m[6]) : m[7] === '半' ? 30 : 0;
    const sec = colon ? m[3] : m[5];
    const ampm = AMPM_AFTER.exec(text.slice(end, end + 6));
    const period: Period | undefined = ampm ? ((ampm[1] as string).toLowerCase() === 'a' ? 'am' : 'pm') : before?.period;
    marks ??= dateMarks(text);
    const day = dateBefore(text, marks, before?.start ?? m.index);
    const zoneAt = end + (ampm ? ampm[0].length : 0);
    const iso = sec !== undefined || (day !== undefined && text.slice(day.end, m.index).trim() === 'T');
    const offset = zoneAfter(text.slice(zoneAt, zoneAt + 12), iso, day?.date !== undefined);
    const t = make({ ...(day?.date ? { date: day.date } : {}), ...(day?.monthDay ? { monthDay: day.monthDay } : {}), h: hourIn(Number(m[1]), period), min, s: Number(sec ?? 0), ...(offset !== undefined ? { offset } : {}) });
    if (!t) continue;
    if (t.date) return t;
    if (!needDate) first ??= t;
  }
  return first;
}

function readTime(text: string, needDate: boolean): NoteTime | undefined {
  if (text.length > MAX_TEXT || !CLOCK_HINT.test(text)) return undefined;
  const found = scan(text, needDate);
  if (found?.date) return found;
  return cDate(text) ?? found;
}

/**
 * A full date and time in the text (ISO, `date` in C, zh_CN or ja_JP, `2024年3月5日 凌晨2点10分`, `Mar 5, 2024
 * 2:10 PM`), or undefined. Inside a block only these are read: a time of day there may be anything (log stamps,
 * timers).
 */
export function parseDateTime(text: string): NoteTime | undefined {
  return readTime(text, true);
}

/**
 * The date and time of a line that holds nothing else, as `date` prints it (`Tue Mar  4 23:57:01 UTC 2025`,
 * `2025-03-04T09:12:40+01:00`, `Tue, 04 Mar 2025 09:12:40 +0000`, `2025年 03月 04日 星期二 09:12:40 CST`), else
 * undefined: a log line (`2025-03-04T09:12:40+0100 lb-7 kernel: …`) goes on with a host and a message.
 */
export function dateTimeLine(text: string): NoteTime | undefined {
  const t = parseDateTime(text); // first: most lines fail its quick test, and no words are made for them
  if (!t) return undefined;
  return onlyDateWords(text) ? t : undefined;
}

/** A calendar date alone (`# 2024-03-05 lb-9`, `2024/3/5`, `2024.03.05`, `2024年3月5日`, `Mar 5, 2024`): a heading's date for the times of day under it. */
export function parseDate(text: string): NoteTime['date'] {
  if (text.length > MAX_TEXT) return undefined;
  let first: DateMark | undefined;
  for (const m of dateMarks(text)) if (m.date && (!first || m.end < first.end)) first = m;
  return first?.date;
}

/**
 * A full date-time, else a time of day (`09:31`, `下午 2:10`, `14点05分`, `14：05`; with its month and day when
 * the text gives them without a year, `3月5日 14:05`) — for headings, lines above a block and prompts.
 */
export function parseTimeMention(text: string): NoteTime | undefined {
  return readTime(text, false);
}

/** The date of a month and day (no year given) nearest to `near`: its year, the one before or the one after. */
export function dateNear(md: NonNullable<NoteTime['monthDay']>, near: NonNullable<NoteTime['date']>): NonNullable<NoteTime['date']> {
  const at = Date.UTC(near.y, near.m - 1, near.d);
  let best = near.y;
  for (const y of [near.y - 1, near.y + 1]) if (Math.abs(Date.UTC(y, md.m - 1, md.d) - at) < Math.abs(Date.UTC(best, md.m - 1, md.d) - at)) best = y;
  return { y: best, m: md.m, d: md.d };
}

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

/** ISO 8601: `2025-03-14T09:26:53+08:00`, `2025-03-14T09:26:53` (zone unknown), `09:26:53` (no date). */
export function isoOf(t: NoteTime): string {
  const clock = `${pad(t.h)}:${pad(t.min)}:${pad(t.s)}`;
  if (!t.date) return clock;
  const zone = t.offset === undefined ? '' : t.offset === 0 ? 'Z' : `${t.offset < 0 ? '-' : '+'}${pad(Math.floor(Math.abs(t.offset) / 60))}:${pad(Math.abs(t.offset) % 60)}`;
  return `${pad(t.date.y, 4)}-${pad(t.date.m)}-${pad(t.date.d)}T${clock}${zone}`;
}

/**
 * The times of one note's samples (in note order) made comparable. A time without a date takes the date of the
 * sample before it, else (before any dated sample) of the one after it — the nearer reading across midnight: more
 * than 12 hours earlier on the clock than the sample before is the next day (23:59, then 00:01), more than 12
 * hours later than the sample after is the day before. A sample pasted out of order within 12 hours keeps its
 * day, and a date the text gives with the time is never moved (a date inherited from a heading is where its samples
 * start); in a note that dates nothing, the days since the first sample count in `minutes` all the same. When the note gives a UTC offset anywhere, a time without one (a wall-clock heading, `date` with an ambiguous zone name such as CST) is read in the zone of
 * the nearest time before it that has an offset, else of the first one after it: the note's own zone is the
 * best reading of its wall-clock times, and comparing them with UTC would misplace them by the offset (a
 * `+08:00` sample 8 hours before its wall-clock neighbours). With no offset in the note, times stay wall clock.
 * Zone names are not guessed (CST is China and US Central). A month and day without a year (`3月5日 14:05`)
 * take the year of the nearest dated time (withYears); in a note that gives no year anywhere they count the days
 * between them in `minutes` and show as times of day.
 */
export function onOneAxis(given: readonly NoteTime[]): NoteTime[] {
  const times = withYears(given);
  const n = times.length;
  const nextOffset: (number | undefined)[] = new Array<number | undefined>(n);
  let offset: number | undefined;
  for (let i = n - 1; i >= 0; i--) nextOffset[i] = offset = (times[i] as NoteTime).offset ?? offset;
  const dates = datesOf(times);
  // A note that dates nothing still crosses midnight: each time counts the days since the first (shown as times of
  // day); a month and day without a year count the days from the last one given.
  let days = 0;
  let lastDay: { md: NonNullable<NoteTime['monthDay']>; days: number } | undefined;
  const undated = dates.every((d) => d === undefined);
  offset = undefined;
  return times.map((t, i) => {
    const date = dates[i];
    offset = t.offset ?? offset ?? nextOffset[i];
    if (undated && i > 0) {
      if (t.monthDay && lastDay) days = lastDay.days + daysBetween(lastDay.md, t.monthDay);
      else if (pastMidnight(times[i - 1] as NoteTime, t)) days++;
    }
    if (undated && t.monthDay) lastDay = { md: t.monthDay, days };
    return { ...t, ...(date ? { date } : {}), ...(offset !== undefined ? { offset } : {}), ...(undated && days !== 0 ? { days } : {}) };
  });
}

/**
 * A month and day without a year take the year that puts them nearest the dated time before them (their own
 * date once set), else the first one after them (dateNear): 12月31日, then 1月1日, is the next year.
 */
function withYears(times: readonly NoteTime[]): readonly NoteTime[] {
  if (!times.some((t) => t.monthDay && !t.date)) return times;
  const out = times.slice();
  let next: NoteTime['date'];
  const after: NoteTime['date'][] = new Array<NoteTime['date']>(times.length);
  for (let i = times.length - 1; i >= 0; i--) after[i] = next = (times[i] as NoteTime).date ?? next;
  let near: NoteTime['date'];
  times.forEach((t, i) => {
    const ref = near ?? after[i];
    if (t.monthDay && !t.date && ref) {
      const { monthDay, ...rest } = t;
      const date = dateNear(monthDay, ref);
      // A month and day that year does not have (2月29日 in 2023) is no date: the time of day keeps none of its own.
      out[i] = validDate(date.y, date.m, date.d) ? { ...rest, date } : rest;
    }
    near = (out[i] as NoteTime).date ?? near;
  });
  return out;
}

/** Days from one month and day to the next in a year not given: the shorter way round (12-31 → 01-01 is 1). */
function daysBetween(a: NonNullable<NoteTime['monthDay']>, b: NonNullable<NoteTime['monthDay']>): number {
  const d = (Date.UTC(2000, b.m - 1, b.d) - Date.UTC(2000, a.m - 1, a.d)) / 86_400_000;
  return d > 183 ? d - 366 : d < -183 ? d + 366 : d;
}

const HALF_DAY = 12 * 60;
const clockMinutes = (t: NoteTime): number => t.h * 60 + t.min + t.s / 60;

function addDays(d: NonNullable<NoteTime['date']>, days: number): NonNullable<NoteTime['date']> {
  const x = new Date(Date.UTC(d.y, d.m - 1, d.d + days));
  return { y: x.getUTCFullYear(), m: x.getUTCMonth() + 1, d: x.getUTCDate() };
}

const dayNumber = (d: NonNullable<NoteTime['date']>): number => Date.UTC(d.y, d.m - 1, d.d);

/** A time more than 12 hours earlier on the clock than the one before it: past midnight. */
const pastMidnight = (prev: NoteTime, t: NoteTime): boolean => clockMinutes(prev) - clockMinutes(t) > HALF_DAY;

/**
 * The date of each time for onOneAxis: its own, else its neighbour's, a day on (or back) across midnight. A date
 * inherited from a heading is where its samples start: the first sample under it takes it, the next ones follow
 * the one before under the same heading across midnight as undated ones do — also when that one gives its own
 * date (`date` output at 23:57, then a prompt at 00:31 is the next day) — and never fall before the heading's day.
 */
function datesOf(times: readonly NoteTime[]): NoteTime['date'][] {
  const dates = times.map((t) => t.date);
  const first = times.findIndex((t) => t.date !== undefined);
  if (first < 0) return dates;
  const sameDay = (a: NoteTime['date'], b: NoteTime['date']): boolean => !!a && !!b && a.y === b.y && a.m === b.m && a.d === b.d;
  for (let i = first + 1; i < times.length; i++) {
    const t = times[i] as NoteTime;
    const prev = times[i - 1] as NoteTime;
    // Under the same dated heading as the sample before (whether that one gives its own date, `date` output, or
    // inherits the heading's): that sample's day (maybe already moved on), never before the heading's.
    const sameHeading = t.under !== undefined ? prev.under === t.under : prev.dateInherited && sameDay(t.date, prev.date);
    const following = t.dateInherited && sameHeading;
    if (t.date && !following) continue;
    const d = dates[i - 1] as NonNullable<NoteTime['date']>;
    const next = pastMidnight(prev, t) ? addDays(d, 1) : d;
    dates[i] = following && t.date && dayNumber(next) < dayNumber(t.date) ? t.date : next;
  }
  for (let i = first - 1; i >= 0; i--) {
    const t = times[i] as NoteTime;
    const next = times[i + 1] as NoteTime;
    const d = dates[i + 1] as NonNullable<NoteTime['date']>;
    dates[i] = clockMinutes(t) - clockMinutes(next) > HALF_DAY ? addDays(d, -1) : d;
  }
  return dates;
}

/** Minutes on one axis for comparing times of one note (a time without a date uses `fallbackDate`). */
export function minutesOf(t: NoteTime, fallbackDate?: NoteTime['date']): number {
  const d = t.date ?? fallbackDate;
  const day = d ? Date.UTC(d.y, d.m - 1, d.d) / 60000 : (t.days ?? 0) * 24 * 60;
  return day + t.h * 60 + t.min + t.s / 60 - (t.offset ?? 0);
}
