/**
 * The host side of the diagram's detail pane and timeline scrubber: which state is selected and which sample is
 * chosen, the data for both computed from the note's analysis with the core (src/core/diagram/detail.ts), and
 * their localised texts. The panel posts what this returns; the webview renders it.
 */
import * as vscode from 'vscode';
import type { StateId } from '../../core/catalogue/types';
import { isSampleIndex, stateDetail, timelineSamples, type StateDetail, type TimelineSample } from '../../core/diagram/detail';
import type { NoteModel, OffsetRange } from '../../core/note/model';
import { causesOf } from '../../core/report/build';
import { cachedAnalysis } from '../../core/report/summaries';
import type { Lang } from '../../core/catalogue/types';
import type { DetailMessage, DetailStrings, TimelineStrings, TimelineView } from '../../webview/detailProtocol';

export function detailStrings(): DetailStrings {
  return {
    close: vscode.l10n.t('Close details'),
    count: vscode.l10n.t('Count in the note'),
    countLine: vscode.l10n.t('line {0}'),
    listed: vscode.l10n.t('Sockets listed'),
    peers: vscode.l10n.t('Top peers'),
    prefixes: vscode.l10n.t('Top networks'),
    localPorts: vscode.l10n.t('Local ports'),
    timers: vscode.l10n.t('Timers'),
    sendQ: vscode.l10n.t('Send-Q > 0'),
    sendQValue: vscode.l10n.t('{0} of {1} rows, max {2} B'),
    retrans: vscode.l10n.t('Most retransmissions'),
    processes: vscode.l10n.t('Processes'),
    cause: vscode.l10n.t('Likely cause'),
    source: vscode.l10n.t('Source'),
    trend: vscode.l10n.t('Trend over the note\'s samples'),
    trendOrphan: vscode.l10n.t('Trend of sockstat orphan over the note\'s samples'),
    noEvidence: vscode.l10n.t('The note shows no socket detail for this state.'),
    atSample: vscode.l10n.t('At the chosen sample ({0})'),
    notInSample: vscode.l10n.t('not in this sample'),
  };
}

export function timelineStrings(): TimelineStrings {
  return {
    label: vscode.l10n.t('Timeline'),
    whole: vscode.l10n.t('Whole note'),
    sample: vscode.l10n.t('Sample {0} of {1}: {2}'),
    orphan: vscode.l10n.t('orphan'),
  };
}

/** The section the panel is scoped to: its offsets, and a key that names it while its text is edited. */
export interface DetailScope extends OffsetRange {
  readonly key: string;
}

/**
 * Selection and chosen sample of one panel; reset when the panel shows another note. The timeline lists the
 * samples of the panel's scope (the section at the cursor, or the whole note), as the diagram and the detail do;
 * a sample chosen in one scope is let go when the scope changes.
 */
export class DetailState {
  private selected: StateId | undefined;
  private sampleIndex = -1;
  /** The scope the sample was chosen in ('' for the whole note). */
  private sampleScope = '';
  /** The `seq` of the webview's last scrubber move, answered or rejected; kept across notes (the webview's count). */
  private answered = 0;
  /** What was last posted (tests, the panel's status). */
  last: DetailMessage | undefined;

  reset(): void {
    this.selected = undefined;
    this.sampleIndex = -1;
    this.last = undefined;
  }

  select(state: StateId | null): void {
    this.selected = state ?? undefined;
  }

  /** Records that the webview's scrubber move `seq` has been handled, whether or not its index was valid. */
  answer(seq: number): void {
    this.answered = seq;
  }

  /** Returns whether the index was valid for the scope's samples (else nothing changes). */
  chooseSample(index: unknown, model: NoteModel, scope?: DetailScope): boolean {
    const samples = this.samples(model, scope);
    if (!isSampleIndex(index, samples.length) || samples.length < 2) return false;
    this.sampleIndex = index;
    this.sampleScope = scope?.key ?? '';
    return true;
  }

  samples(model: NoteModel, scope?: DetailScope): TimelineSample[] {
    const a = cachedAnalysis(model, scope);
    return a ? timelineSamples(a.points) : [];
  }

  /** The chosen sample, when one is chosen in this scope and still exists. */
  chosen(model: NoteModel, scope?: DetailScope): TimelineSample | undefined {
    this.leaveOtherScope(scope);
    return this.sampleIndex >= 0 ? this.samples(model, scope)[this.sampleIndex] : undefined;
  }

  timeline(model: NoteModel, scope?: DetailScope): TimelineView | undefined {
    this.leaveOtherScope(scope);
    const samples = this.samples(model, scope);
    if (samples.length < 2) return undefined;
    if (this.sampleIndex >= samples.length) this.sampleIndex = -1;
    return { samples: samples.map((s) => ({ time: s.time, orphan: s.orphan })), selected: this.sampleIndex, answered: this.answered, strings: timelineStrings() };
  }

  private leaveOtherScope(scope: DetailScope | undefined): void {
    if (this.sampleIndex >= 0 && this.sampleScope !== (scope?.key ?? '')) this.sampleIndex = -1;
  }

  /**
   * The detail message for the selected state (detail null when none is selected or the note is too large).
   * `scope`: the panel is scoped to that section, and the detail uses only its evidence (as the diagram's counts do).
   */
  message(model: NoteModel, lang: Lang, scope?: DetailScope): DetailMessage {
    const a = this.selected ? cachedAnalysis(model, scope) : undefined;
    const detail: StateDetail | null = a && this.selected ? stateDetail(this.selected, a, causesOf(a, lang)) : null;
    const sample = this.chosen(model, scope);
    const out: DetailMessage = {
      type: 'detail',
      detail,
      strings: detailStrings(),
      ...(detail && sample ? { atSample: { time: sample.time, count: sample.counts[detail.state] ?? null } } : {}),
    };
    this.last = out;
    return out;
  }

  get hasSelection(): boolean {
    return this.selected !== undefined;
  }
}
