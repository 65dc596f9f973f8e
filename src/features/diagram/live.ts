/**
 * The diagram panel's live view, in one place on the shell side: samples /proc while Live is on and the panel
 * is visible, sends each sample to the webview, lends its counts to the diagram, and "Freeze into note"
 * inserts the sample shown. Linux extension hosts only. The pure half is `src/core/snapshot/live.ts`.
 */
import * as vscode from 'vscode';
import type { StateId } from '../../core/catalogue/types';
import { captureSnapshot, liveSample, nextSampleDelay, TrendHistory, withLiveCounts, type Capture } from '../../core/snapshot';
import type { HostToWebview, LiveInfo, LiveStrings } from '../../webview/protocol';
import { currentLang } from '../language';
import { describeProblems, hostCaptureOptions, insertCapture, readProcFile, snapshotSupportHere, unsupportedMessage, type InsertResult } from '../snapshot';

export const DEFAULT_LIVE_INTERVAL_SECONDS = 3;

export function liveIntervalSeconds(): number {
  const v = vscode.workspace.getConfiguration('tcpStateNotes').get<number>('live.intervalSeconds', DEFAULT_LIVE_INTERVAL_SECONDS);
  return typeof v === 'number' && Number.isFinite(v) ? Math.min(3600, Math.max(1, v)) : DEFAULT_LIVE_INTERVAL_SECONDS;
}

function liveStrings(): LiveStrings {
  return {
    freeze: vscode.l10n.t('Freeze into note'),
    freezeTitle: vscode.l10n.t('Insert the current socket snapshot into the note at its cursor'),
    gaugeTitle: vscode.l10n.t('Orphan pressure'),
    orphan: vscode.l10n.t('orphan'),
    mem: vscode.l10n.t('mem'),
    tw: vscode.l10n.t('tw'),
    unknown: vscode.l10n.t('unknown'),
    memPressure: vscode.l10n.t('pressure'),
    status: vscode.l10n.t('{0} · updated {1} · every {2} s'),
    waiting: vscode.l10n.t('Reading /proc…'),
    trends: vscode.l10n.t('Sockets per state (trend of the last samples)'),
    noSockets: vscode.l10n.t('No TCP socket in /proc/net/tcp or tcp6.'),
  };
}

/**
 * Samples /proc every few seconds while running and not paused; keeps the trend history. One read at a time:
 * the next sample is scheduled when the previous one finished, so a slow /proc/net/tcp never piles up reads.
 */
export class LiveSampler implements vscode.Disposable {
  readonly history = new TrendHistory();
  private last: Capture | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private paused = false;
  private stopped = false;
  private busy = false;
  /** Number of samples taken (tests). */
  samples = 0;
  /** Delay before the next sample: the interval setting, stretched after a slow sample. */
  delayMs = liveIntervalSeconds() * 1000;

  constructor(private readonly onSample: (capture: Capture) => void) {}

  get capture(): Capture | undefined {
    return this.last;
  }

  /** Whether a sample is scheduled or running. */
  get active(): boolean {
    return this.timer !== undefined || this.busy;
  }

  /** Starts sampling now (or resumes after pause()). */
  resume(): void {
    if (this.stopped) return;
    this.paused = false;
    if (!this.busy && this.timer === undefined) void this.tick();
  }

  /** Stops the timer until resume() (the panel is hidden). */
  pause(): void {
    this.paused = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private async tick(): Promise<void> {
    this.timer = undefined;
    if (this.paused || this.stopped) return;
    this.busy = true;
    const started = performance.now();
    try {
      const capture = await captureSnapshot(readProcFile, new Date(), hostCaptureOptions(this.last));
      if (this.stopped) return;
      this.last = capture;
      this.samples++;
      this.history.push(capture.counts, capture.data.sockstat?.tcp?.orphan);
      this.onSample(capture);
    } catch (e) {
      console.warn(`[tcp-state-notes] live sample failed: ${String(e)}`);
    } finally {
      this.busy = false;
    }
    // A slow sample (a huge /proc/net/tcp) stretches the interval (issue #17).
    this.delayMs = nextSampleDelay(liveIntervalSeconds() * 1000, performance.now() - started);
    if (!this.paused && !this.stopped) this.timer = setTimeout(() => void this.tick(), this.delayMs);
  }

  dispose(): void {
    this.stopped = true;
    this.pause();
  }
}

/** What the live view needs from its panel. */
export interface LiveHost {
  /** The webview is ready and visible. */
  showing(): boolean;
  post(message: HostToWebview): void;
  /** Draw the diagram again (its counts changed). */
  render(): void;
}

/** The panel's live view: off until toggled; owns the sampler while on. */
export class LiveView implements vscode.Disposable {
  private sampler: LiveSampler | undefined;
  private renderedCounts = '';

  constructor(private readonly host: LiveHost) {}

  get on(): boolean {
    return this.sampler !== undefined;
  }

  /** Live on/off. On a host that cannot read /proc, explains why and stays off. */
  set(on: boolean, visible: boolean): boolean {
    if (on === this.on) return on;
    if (!on) {
      this.sampler?.dispose();
      this.sampler = undefined;
      this.host.render();
      return false;
    }
    const unsupported = unsupportedMessage();
    if (unsupported) {
      void vscode.window.showWarningMessage(unsupported);
      return false;
    }
    this.sampler = new LiveSampler((capture) => this.onSample(capture));
    this.host.render();
    if (visible) this.sampler.resume();
    return true;
  }

  /** Sampling only while someone can see it. */
  visibilityChanged(visible: boolean): void {
    if (visible) this.sampler?.resume();
    else this.sampler?.pause();
  }

  /** The toggle in a render message; absent where this host cannot read /proc. */
  info(): { live?: LiveInfo } {
    return snapshotSupportHere() === 'linux' ? { live: { on: this.on, intervalSeconds: liveIntervalSeconds(), strings: liveStrings() } } : {};
  }

  /** The diagram input with the live counts while Live is on; remembers them to skip renders that change nothing. */
  diagramInput<T extends { counts: Partial<Record<StateId, number>> }>(input: T): T & { countSource?: string } {
    const out = withLiveCounts(input, this.sampler?.capture, currentLang());
    this.renderedCounts = JSON.stringify(out.counts);
    return out;
  }

  private onSample(capture: Capture): void {
    if (!this.host.showing()) return;
    // The diagram re-renders only when the counts changed; the gauge and trends get every sample.
    if (JSON.stringify(capture.counts) !== this.renderedCounts) this.host.render();
    this.postSample();
  }

  postSample(): void {
    const sampler = this.sampler;
    const capture = sampler?.capture;
    if (!sampler || !capture) return;
    const sample = liveSample(capture, sampler.history, currentLang(), describeProblems(capture), Math.round(sampler.delayMs / 1000));
    this.host.post({ type: 'liveSample', sample });
  }

  /** "Freeze into note": inserts the snapshot the live view shows into `document`, at its cursor. */
  async freeze(document: vscode.TextDocument | undefined): Promise<InsertResult> {
    const capture = this.sampler?.capture;
    if (!capture || !document) {
      void vscode.window.showWarningMessage(vscode.l10n.t('Turn Live on in the diagram first: there is no live snapshot to freeze yet.'));
      return { inserted: false, problems: [] };
    }
    let editor = vscode.window.visibleTextEditors.find((e) => e.document === document);
    editor = await vscode.window.showTextDocument(document, { viewColumn: editor?.viewColumn ?? vscode.ViewColumn.One, preserveFocus: false });
    const result = await insertCapture(editor, capture);
    if (result.inserted) void vscode.window.setStatusBarMessage(vscode.l10n.t('Socket snapshot inserted into {0}', document.uri.path.split('/').pop() ?? ''), 4000);
    return result;
  }

  /** For tests: the live state. */
  get status() {
    const s = this.sampler;
    return s
      ? { on: true, samples: s.samples, active: s.active, counts: s.capture?.counts, orphan: s.capture?.data.sockstat?.tcp?.orphan, level: s.capture?.pressure.level, time: s.capture?.data.time }
      : { on: false, samples: 0, active: false };
  }

  dispose(): void {
    this.sampler?.dispose();
    this.sampler = undefined;
  }
}
