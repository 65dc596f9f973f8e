/**
 * What every cause rule (causes.ts, portCause.ts) shares: the facts they read, the cause they give, and how a
 * cause's text is made from causeTexts.ts. Pure: no `vscode`, no Node built-ins.
 */
import type { Lang, StateId } from '../catalogue/types';
import type { StateSockets } from '../evidence/connections';
import { formatNumber, t } from '../strings';
import { CAUSE_TEXT, type CauseRule } from './causeTexts';
import { PHRASE } from './causePhrases';
import type { EndpointTallySample, OutputSample, StateCount } from './noteEvidence';
import type { TimelinePoint } from './timeline';
import type { Limits, SampleLimits, Trend } from './limits';
import type { InEffect } from './inEffect';
import { doneLines } from './adviceDone';

export interface Cause {
  readonly rule: CauseRule;
  /** The state the cause is about, or null for host-wide causes (orphan limit, TCP memory, abort counters). */
  readonly state: StateId | null;
  readonly message: string;
  readonly check: readonly string[];
  readonly change: readonly string[];
  readonly source: string;
  /** Judged at an earlier sample than the latest, and said in the past (CauseText `past`). */
  readonly past?: true;
  /** The changes its advice recommends that the note already made after its sample (adviceDone.ts), in line order. */
  readonly done?: readonly AdviceDone[];
}

/** An advised change the note already made: the tunable, the value it set (blanks normalised), its 0-based line and the time of its block. */
export interface AdviceDone {
  readonly key: string;
  readonly value: string;
  readonly line: number;
  readonly time: string | null;
}

export interface CauseFacts {
  readonly sockets: ReadonlyMap<StateId, StateSockets>;
  /** Each network namespace's listings, when the note's are told apart (NoteEvidence.netnsSockets). */
  readonly netnsSockets?: ReadonlyMap<string, ReadonlyMap<StateId, StateSockets>>;
  /** Some output was read in a network namespace other than the host's (NoteEvidence.readsNetns). */
  readonly readsNetns?: boolean;
  readonly counts: ReadonlyMap<StateId, StateCount>;
  /** States the note's samples showed that have no socket now (currentCounts.ts): no cause about them applies. */
  readonly gone?: ReadonlySet<StateId>;
  readonly points: readonly TimelinePoint[];
  readonly limits: Limits;
  /**
   * Every sockstat sample against the limits in effect at it, the latest last (limits.ts limitsAtSamples): a rule
   * the latest sample does not meet is judged at the sample where it held, and said in the past. Without them
   * (facts built by hand): the latest sample only (`limits`).
   */
  readonly sockstatSamples?: readonly SampleLimits[];
  readonly trend: Trend | null;
  readonly counters: Readonly<Record<string, number>>;
  /** The last value of each sysctl in the note: read when a state has no `stateSysctls` (facts built by hand). */
  readonly sysctls: Readonly<Record<string, string>>;
  /** The sysctls in effect at each state's listing, the latest that shows it (report/inEffect.ts). */
  readonly stateSysctls?: Readonly<Partial<Record<StateId, Readonly<Record<string, InEffect>>>>>;
  /** Kernel log messages the note shows in code (catalogue ids). */
  readonly kernelMessages?: readonly string[];
  /** The first 0-based note line of each of them. */
  readonly kernelMessageLines?: Readonly<Record<string, number>>;
  /**
   * The per-state count outputs, placed in time (build.ts). Without them (facts built by hand): the timed points
   * and the best counts as one more sample.
   */
  readonly samples?: readonly OutputSample[];
  /** Readings of the counters the rules compare, in note order. */
  readonly counterReadings?: Readonly<Record<string, readonly CounterReading[]>>;
  /** Lines that quote connect() failing with EADDRNOTAVAIL (connectErrors.ts). */
  readonly connectErrorLines?: readonly number[];
  /** Counts of a state's sockets per endpoint (`… | awk '{print $4}' | sort | uniq -c`), in note order. */
  readonly endpointTallies?: readonly EndpointTallySample[];
}

export interface CounterReading {
  readonly value: number;
  /** 0-based note line of the output. */
  readonly line: number;
  /** Printed by `nstat` without `-a`: the events since its previous run, not a total. */
  readonly increment?: true;
  /** Printed by `nstat` (with or without `-a`): a run that makes the next one without `-a` print increments. */
  readonly nstat?: true;
  /** 0-based note line of its code block (readings of one block are one moment). */
  readonly block?: number;
}

/** More than half. */
export const majority = (part: number, whole: number): boolean => whole > 0 && part * 2 > whole;

/**
 * A cause of `rule` with its texts filled in (`past`: the rule held at an earlier sample, said in the past). With
 * `settings` (the sysctls in effect at the sample the rule is judged at, with their changes after it): a change line
 * whose advised change the note already made is said as done (adviceDone.ts).
 */
export function make(rule: CauseRule, state: StateId | null, lang: Lang, values: Record<string, string | number>, past = false, settings?: Readonly<Record<string, InEffect>>): Cause {
  const text = CAUSE_TEXT[rule];
  const made = doneLines(text.change, settings);
  const done: AdviceDone[] = [];
  const change = text.change.map((c, i) => {
    const d = made[i];
    if (!d) return t(c, lang);
    done.push({ key: d.tunes.key, value: d.change.value, line: d.change.line, time: d.change.time });
    return t(d.tunes.done, lang, { value: settingValue(d.tunes.key, d.change.value), when: whenOf(d.change.time, d.change.line, lang) });
  });
  return {
    rule,
    state,
    message: t(past && text.past ? text.past : text.message, lang, values),
    check: text.check.map((c) => t(c, lang)),
    change,
    source: text.source,
    ...(past && text.past ? { past: true as const } : {}),
    ...(done.length ? { done } : {}),
  };
}

/** A sysctl as the report's texts name it: without `net.ipv4.` (`tcp_max_orphans`). */
export const sysctlName = (key: string): string => key.replace(/^net\.ipv4\./, '');

/** Where a sample or a change stands, for a message: "10:31:02 (line 24)", or "line 24" without a time. */
export const whenOf = (time: string | null, line: number, lang: Lang): string => (time !== null ? t(PHRASE.when, lang, { time, line: line + 1 }) : t(PHRASE.whenLine, lang, { line: line + 1 }));

/** A sysctl value for a message: numbers with separators (`65,536`, tcp_mem's three), note text reduced to inert characters. */
export const limitValue = (v: string): string => v.split(' ').map((x) => (/^\d{1,15}$/.test(x) ? formatNumber(Number(x)) : safeName(x))).join(' ');

/** A value a change set, for its done line: ip_local_port_range as `lo–hi` (as the port rule shows a range), else limitValue. */
function settingValue(key: string, v: string): string {
  const m = key === 'net.ipv4.ip_local_port_range' ? /^(\d{1,5}) (\d{1,5})$/.exec(v) : null;
  return m ? `${m[1]}–${m[2]}` : limitValue(v);
}

/** ", read later in the note" after a value read only after the sample it is compared with. */
export const readLater = (after: boolean, lang: Lang): string => (after ? t(PHRASE.readLater, lang) : '');
/** A different value of the setting later in the note (the change, often the fix), beside the one the sample met. */
export const changedLater = (s: InEffect, lang: Lang): string => (s.later !== undefined ? t(PHRASE.changedLater, lang, { v: safeName(s.later) }) : '');

/** Note text in a cause's message (a process name, a sysctl value), reduced to characters that are inert in Markdown, HTML and terminals. */
export function safeName(name: string): string {
  return name.slice(0, 32).replace(/[^A-Za-z0-9.\-/:@ ]/g, '?');
}

/** The samples a rule reads: the note's, else (facts built by hand) the timed points and the best counts. */
export function samplesOf(f: CauseFacts): readonly OutputSample[] {
  if (f.samples) return f.samples;
  const out: OutputSample[] = f.points.map((p) => ({ line: p.line, minutes: p.minutes, counts: p.counts, ...(p.tw !== null ? { tw: p.tw } : {}) }));
  const best: Partial<Record<StateId, number>> = {};
  for (const [state, c] of f.counts) best[state] = c.count;
  if (Object.keys(best).length) out.push({ line: 0, counts: best });
  return out;
}
