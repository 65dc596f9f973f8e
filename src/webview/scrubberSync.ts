import type { TimelineView } from './detailProtocol';

/**
 * Keeps the scrubber where the user put it until the host has handled that move. A render the host sent
 * before it read the move still carries the old sample; taking it would jump the scrubber back for a moment
 * (and announce the old position). Moves are numbered; the host echoes the last number it handled.
 */
export class ScrubberSync {
  private sent = 0;
  private unsent = false;

  /** The user moved the scrubber; the move is not posted yet. */
  moved(): void {
    this.unsent = true;
  }

  /** The move is being posted: its number. */
  post(): number {
    this.unsent = false;
    return ++this.sent;
  }

  /** The scrubber position (0 = whole note) a render should show, given the one shown now. */
  position(view: TimelineView, shown: number): number {
    return this.unsent || view.answered < this.sent ? shown : view.selected + 1;
  }
}
