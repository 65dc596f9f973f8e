/**
 * Times as notes carry them: ISO 8601 (`2025-03-14T09:26:53+08:00`, `2025-03-14 09:26`), `date` output in
 * the C locale (`Fri Mar 14 09:26:53 CST 2025`, `Fri 14 Mar 2025 09:26:53 AM UTC`) and zh_CN
 * (`2025年 03月 14日 星期五 09:26:53 CST`, also written `2024年3月5日 14:32`), a bare time of day in a heading or
 * a line (`### 09:31 再看一次`), and a date alone (a heading's date for the times under it). Zone names other
 * than UTC/GMT/Z are ambiguous (CST is China and US Central): such times keep their wall clock and no offset
 * (onOneAxis reads them in the zone the note gives elsewhere). Pure: no `vscode`, no Node built-ins. Every
 * regular expression is linear.
 */

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
  /** Days after the note's first day, for a time in a note that dates nothing (23:59, then 00:01): set by onOneAxis. */
  readonly days?: number;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MAX_TEXT = 300;

function validClock(h: number, min: number, s: number): boolean {
  return h <= 23 && min <= 59 && s <= 60;
}

function validDate(y: number, m: number, d: number): boolean {
  return y >= 1990 && y <= 2100 && m >= 1 && m <= 12 && d >= 1 && d <= 31;
}

function zoneOffset(z: string | undefined): number | undefined {
  if (z === undefined) return undefined;
  if (z === 'Z' || z === 'UTC' || z === 'GMT') return 0;
  const m = /^([+-])(\d{2}):?(\d{2})$/.exec(z);
  if (!m) return undefined;
  const v = Number(m[2]) * 60 + Number(m[3]);
  return m[1] === '-' ? -v : v;
}

function make(date: NoteTime['date'], h: number, min: number, s: number, zone: string | undefined, ampm?: string): NoteTime | undefined {
  let hh = h;
  if (ampm !== undefined) {
    if (h < 1 || h > 12) return undefined;
    hh = (h % 12) + (ampm.toUpperCase() === 'PM' ? 12 : 0);
  }
  if (!validClock(hh, min, s)) return undefined;
  if (date && !validDate(date.y, date.m, date.d)) return undefined;
  const offset = zoneOffset(zone);
  return { ...(date ? { date } : {}), h: hh, min, s, ...(offset !== undefined ? { offset } : {}) };
}

const ISO = /(\d{4})[-/](\d{1,2})[-/](\d{1,2})[T ]\s?(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?\s?(Z|[+-]\d{2}:?\d{2}|UTC|GMT)?/;
const ZH_DATE = /(\d{4})年(\d{1,2})月(\d{1,2})日(?:星期.)?(\d{1,2}):(\d{2})(?::(\d{2}))?([A-Z]{2,5})?/;
const DAY = /(?:^|\D)(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?!\d)/;
const ZH_DAY = /(\d{4})年(\d{1,2})月(\d{1,2})日/;
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
    const monthOf = (x: string | undefined): number => (x && /^[A-Z][a-z]{2}$/.test(x) ? MONTHS.indexOf(x.toLowerCase()) + 1 : 0);
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
    let ampm: string | undefined;
    if (t[j] === 'AM' || t[j] === 'PM') ampm = t[j++];
    let zone: string | undefined;
    if (/^(?:[A-Z]{2,5}|[+-]\d{4})$/.test(t[j] ?? '')) zone = t[j++];
    if (!year && /^\d{4}$/.test(t[j] ?? '')) year = Number(t[j]);
    if (!year) return undefined;
    return make({ y: year, m: mon, d: day }, Number(clock[1]), Number(clock[2]), Number(clock[3]), zone, ampm);
  }
  return undefined;
}

const CLOCK = /(?:^|[^\d:.])(\d{1,2}):(\d{2})(?::(\d{2}))?(?![\d:.])/;

/** A full date and time in the text (ISO, `date` in C or zh_CN), or undefined. */
export function parseDateTime(text: string): NoteTime | undefined {
  // Every form below has a clock (`09:26`): a text without `:` has no date and time (most lines).
  if (text.length > MAX_TEXT || !text.includes(':')) return undefined;
  let m = ISO.exec(text);
  if (m) return make({ y: Number(m[1]), m: Number(m[2]), d: Number(m[3]) }, Number(m[4]), Number(m[5]), Number(m[6] ?? 0), m[7]);
  if (text.includes('年')) {
    // zh_CN `date` (`2025年 03月 14日 星期五 09:26:53 CST`) or a written date (`2024年3月5日 14:32`), read with the
    // spaces removed.
    m = ZH_DATE.exec(text.replace(/\s/g, ''));
    if (m) return make({ y: Number(m[1]), m: Number(m[2]), d: Number(m[3]) }, Number(m[4]), Number(m[5]), Number(m[6] ?? 0), m[7]);
  }
  return cDate(text);
}

/** A calendar date alone (`# 2024-03-05 lb-9`, `2024/3/5`, `2024年3月5日`): a heading's date for the times of day under it. */
export function parseDate(text: string): NoteTime['date'] {
  if (text.length > MAX_TEXT) return undefined;
  // `2024年 3月 5日` is read with the spaces removed, as in parseDateTime.
  const m = DAY.exec(text) ?? (text.includes('年') ? ZH_DAY.exec(text.replace(/\s/g, '')) : null);
  if (!m) return undefined;
  const date = { y: Number(m[1]), m: Number(m[2]), d: Number(m[3]) };
  return validDate(date.y, date.m, date.d) ? date : undefined;
}

/** A full date-time, else a bare time of day (`09:31`, `09:31:05`) — for headings and lines above a block. */
export function parseTimeMention(text: string): NoteTime | undefined {
  const full = parseDateTime(text);
  if (full) return full;
  if (text.length > MAX_TEXT) return undefined;
  const m = CLOCK.exec(text);
  if (!m) return undefined;
  return make(undefined, Number(m[1]), Number(m[2]), Number(m[3] ?? 0), undefined);
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
 * Zone names are not guessed (CST is China and US Central).
 */
export function onOneAxis(times: readonly NoteTime[]): NoteTime[] {
  const n = times.length;
  const nextOffset: (number | undefined)[] = new Array<number | undefined>(n);
  let offset: number | undefined;
  for (let i = n - 1; i >= 0; i--) nextOffset[i] = offset = (times[i] as NoteTime).offset ?? offset;
  const dates = datesOf(times);
  // A note that dates nothing still crosses midnight: each time counts the days since the first (shown as times of day).
  let days = 0;
  const undated = dates.every((d) => d === undefined);
  offset = undefined;
  return times.map((t, i) => {
    const date = dates[i];
    offset = t.offset ?? offset ?? nextOffset[i];
    if (undated && i > 0 && pastMidnight(times[i - 1] as NoteTime, t)) days++;
    return { ...t, ...(date ? { date } : {}), ...(offset !== undefined ? { offset } : {}), ...(undated && days > 0 ? { days } : {}) };
  });
}

const HALF_DAY = 12 * 60;
const clockMinutes = (t: NoteTime): number => t.h * 60 + t.min + t.s / 60;

function addDays(d: NonNullable<NoteTime['date']>, days: number): NonNullable<NoteTime['date']> {
  const x = new Date(Date.UTC(d.y, d.m - 1, d.d + days));
  return { y: x.getUTCFullYear(), m: x.getUTCMonth() + 1, d: x.getUTCDate() };
}

/** A time more than 12 hours earlier on the clock than the one before it: past midnight. */
const pastMidnight = (prev: NoteTime, t: NoteTime): boolean => clockMinutes(prev) - clockMinutes(t) > HALF_DAY;

/**
 * The date of each time for onOneAxis: its own, else its neighbour's, a day on (or back) across midnight. A date
 * inherited from a heading is where its samples start: the first sample under it takes it, the next ones follow
 * the one before across midnight as undated ones do.
 */
function datesOf(times: readonly NoteTime[]): NoteTime['date'][] {
  const dates = times.map((t) => t.date);
  const first = times.findIndex((t) => t.date !== undefined);
  if (first < 0) return dates;
  const sameDay = (a: NoteTime['date'], b: NoteTime['date']): boolean => !!a && !!b && a.y === b.y && a.m === b.m && a.d === b.d;
  for (let i = first + 1; i < times.length; i++) {
    const t = times[i] as NoteTime;
    const prev = times[i - 1] as NoteTime;
    // Under the same dated heading as the sample before: that sample's day (maybe already moved on), not the heading's.
    const following = t.dateInherited && prev.dateInherited && sameDay(t.date, prev.date);
    if (t.date && !following) continue;
    const d = dates[i - 1] as NonNullable<NoteTime['date']>;
    dates[i] = pastMidnight(prev, t) ? addDays(d, 1) : d;
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
