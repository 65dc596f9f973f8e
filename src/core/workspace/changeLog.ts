/**
 * Which notes changed after a moment: a build that hands notes to workers gets their entries back later, and an
 * entry must not overwrite a newer change to its note (an edit, a re-read, a delete or a move, of the note or of
 * a folder holding it) made meanwhile. A build holds a moment while it runs; each change gets the next stamp,
 * and is kept only while some build holds a moment before it. `changedSince` answers for a key from the changes
 * after a stamp (usually none, so the answer is one comparison). Keys are URIs: a folder holds the keys that
 * start with it and a `/`. Pure: no `vscode`, no Node built-ins.
 */
interface Change {
  readonly stamp: number;
  readonly key: string;
}

export class ChangeLog {
  private last = 0;
  private changes: Change[] = [];
  /** The moments the running builds hold (one per build). */
  private readonly held: number[] = [];

  /** The current moment: changes made after it are `changedSince` it. */
  now(): number {
    return this.last;
  }

  /** A build starts: changes from now on are kept until it `release`s this moment. */
  hold(): number {
    this.held.push(this.last);
    return this.last;
  }

  /** A build ended: the changes no running build can ask about any more are dropped. */
  release(moment: number): void {
    const i = this.held.indexOf(moment);
    if (i >= 0) this.held.splice(i, 1);
    const oldest = this.held.length ? Math.min(...this.held) : this.last;
    this.changes = this.changes.filter((c) => c.stamp > oldest);
  }

  /** Records a change to a note or folder (its key). */
  touch(key: string): void {
    this.last++;
    if (this.held.length) this.changes.push({ stamp: this.last, key });
  }

  /** True when the note `key`, or a folder holding it, changed after `stamp` (a moment a running build holds, or later). */
  changedSince(stamp: number, key: string): boolean {
    if (stamp >= this.last) return false;
    for (let i = this.changes.length - 1; i >= 0; i--) {
      const c = this.changes[i] as Change;
      if (c.stamp <= stamp) break;
      if (key === c.key || (key.startsWith(c.key) && (c.key.endsWith('/') || key.charCodeAt(c.key.length) === 47))) return true;
    }
    return false;
  }

  /** Changes kept (for tests: nothing is kept while no build runs). */
  get size(): number {
    return this.changes.length;
  }
}
