/**
 * What every cause rule (causes.ts, portCause.ts) shares: the facts they read, the cause they give, and how a
 * cause's text is made from causeTexts.ts. Pure: no `vscode`, no Node built-ins.
 */
import type { Lang, StateId } from '../catalogue/types';
import type { StateSockets } from '../evidence/connections';
import { t } from '../strings';
import { CAUSE_TEXT, PHRASE, type CauseRule } from './causeTexts';
import type { OutputSample, StateCount } from './noteEvidence';
import type { Limits, SampleLimits, TimelinePoint, Trend } from './timeline';
import type { InEffect } from './inEffect';

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
}

export interface CauseFacts {
  readonly sockets: ReadonlyMap<StateId, StateSockets>;
  readonly counts: ReadonlyMap<StateId, StateCount>;
  /** States the note's samples showed that have no socket now (currentCounts.ts): no cause about them applies. */
  readonly gone?: ReadonlySet<StateId>;
  readonly points: readonly TimelinePoint[];
  readonly limits: Limits;
  /**
   * Every sockstat sample against the limits in effect at it, the latest last (timeline.ts limitsAtSamples): a rule
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

/** A cause of `rule` with its texts filled in (`past`: the rule held at an earlier sample, said in the past). */
export function make(rule: CauseRule, state: StateId | null, lang: Lang, values: Record<string, string | number>, past = false): Cause {
  const text = CAUSE_TEXT[rule];
  return {
    rule,
    state,
    message: t(past && text.past ? text.past : text.message, lang, values),
    check: text.check.map((c) => t(c, lang)),
    change: text.change.map((c) => t(c, lang)),
    source: text.source,
    ...(past && text.past ? { past: true as const } : {}),
  };
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
